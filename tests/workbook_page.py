"""A small page object: tests speak of worksheets, points and workbooks, not
selectors. Accessible names first; data attributes only for the score panel's
figures, which are read as values."""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, expect

READY = "body[data-ready='1']"
# Run before every document of the tab; seeds storage at the first only.
SEED_STORAGE_ONCE = """(items => {
  if (location.protocol !== "http:" || sessionStorage.getItem("test-storage-seeded")) return;
  sessionStorage.setItem("test-storage-seeded", "1");
  localStorage.clear();
  for (const [key, value] of Object.entries(items)) localStorage.setItem(key, value);
})(%s)"""

# The words of the Chinese page, as a participant reads them.
ZH = {
    "note": "要点",
    "status": "状态",
    "level": "层级",
    "known": "已了解",
    "stage": "计划阶段",
    "needs": "需求信息",
    "add_need": "添加需求",
    "need_text": "问题描述",
    "common_ground": "共同点(共振)",
    "add_shared": "添加共同点",
    "shared_text": "内容",
    "narrowness": "窄度",
    "remove": "删除",
    "workbooks": "客户工作簿",
    "switcher": "当前工作簿",
    "new": "新建",
    "duplicate": "复制",
    "delete": "删除",
    "undo": "撤销",
    "workbook_name": "工作簿名称",
    "preset": "评分预设",
    "contact_factor": "接触系数 P(0–10)",
    "reset_settings": "恢复默认设置",
    "score_details": "得分详情",
    "people_scores": "每个人的信任",
    "figures": "明细",
    "first_move": "先做:",
    "close_status": "关闭",
    "import": "导入 JSON 文件",
    "replace": "替换",
    "keep_both": "两份都保留",
    "people": "客户方的人",
    "add_person": "添加一个人",
    "person_n": "第 {n} 人",
    "person_name": "姓名或称呼",
    "person_title": "职务",
    "role": "角色",
    "influence": "对决定的影响力",
    "attitude": "对你的态度",
    "reports_to": "上级",
    "move_up": "上移",
    "move_down": "下移",
    "duplicate_person": "复制此人",
    "remove_person": "删除此人",
    "open_person": "打开个人信息",
    "client_personal": "客户的个人信息",
    "seller_personal": "我的个人信息",
    "picker": "看谁的信息",
    "told_to": "已告诉",
    "shared_with": "与谁共有",
    "owner": "谁的问题",
    "account_stage": "关系目前处于",
    "account_trust": "客户整体信任",
    "review": "为什么客户可能还不签",
    "review_open": "可能的原因",
    "review_cleared": "你已排除的",
    "review_by_hand": "只有你知道的",
    "review_quiet": "没有发现的",
    "review_tick": "这是原因之一",
    "review_clear": "不成立,排除",
    "review_count": "仍算作原因",
    "review_note": "说明",
    "client_type": "客户类型",
    "motives": "动机",
    "motive_organisation": "单位的采购动机",
    "personal_motives": "个人动机",
    "balance": "责任与政绩",
    "what_to_tell_first": "先讲什么",
    "participant": "你的名字",
}

# Every text element of the score panel whose content does not fit its box,
# and every pair of chart labels drawn over each other: a list of short
# descriptions, empty when the panel reads cleanly.
PANEL_OVERFLOWS = """() => {
  const panel = document.querySelector('.score-panel');
  const box = panel.getBoundingClientRect();
  const problems = [];
  const name = el => (el.getAttribute('data-score') || el.getAttribute('data-indicator') || el.className.baseVal
                      || el.className || el.tagName) + ' "' + el.textContent.trim().slice(0, 30) + '"';
  for (const el of panel.querySelectorAll('*')) {
    // Charts are checked label by label below; text kept for screen readers
    // only (1 px, clipped) is not drawn.
    if (el.closest('svg, template, .explain > p') || el.getBoundingClientRect().width <= 1) continue;
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) continue;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') {
      problems.push('overflows its box: ' + name(el));
    }
    const r = el.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1) problems.push('runs past the panel: ' + name(el));
  }
  for (const svg of panel.querySelectorAll('svg')) {
    if (!svg.getClientRects().length) continue;
    const frame = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    labels.forEach((t, i) => {
      const r = t.getBoundingClientRect();
      if (r.left < frame.left - 1 || r.right > frame.right + 1) problems.push('outside its chart: ' + name(t));
      labels.slice(i + 1).forEach(u => {
        const q = u.getBoundingClientRect();
        if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1)
          problems.push('overlaps: ' + name(t) + ' / ' + name(u));
      });
    });
  }
  return problems;
}"""


# Every link of the sheet navigation whose label does not fit its chip, and
# every pair of neighbouring chips drawn over each other.
CROWDED_CHIPS = """(links) => {
  const problems = [];
  const boxes = links.map(link => link.getBoundingClientRect());
  links.forEach((link, i) => {
    const label = '"' + link.textContent.trim() + '"';
    if (link.scrollWidth > link.clientWidth)
      problems.push('cut: ' + label + ' ' + link.scrollWidth + '>' + link.clientWidth);
    if (i && boxes[i].left < boxes[i - 1].right - 0.5 && boxes[i].top < boxes[i - 1].bottom - 0.5)
      problems.push('overlaps the one before: ' + label);
  });
  return problems;
}"""

# For each list item of `items` whose link wraps: how far below the link's
# top the item's first line box has its baseline, where the list's number
# is drawn (a 0 x 0 inline-block put first in the item sits on it).
NUMBER_BELOW_LINK_TOP = """(items) => items.flatMap(item => {
  const link = item.querySelector('a');
  if (!link || link.getClientRects().length === 0) return [];
  const box = link.getBoundingClientRect();
  const lineHeight = parseFloat(getComputedStyle(link).lineHeight);
  if (box.height < 1.5 * lineHeight) return [];
  const probe = document.createElement('span');
  probe.style.display = 'inline-block';
  item.prepend(probe);
  const baseline = probe.getBoundingClientRect().bottom;
  probe.remove();
  return [[link.textContent.trim().slice(0, 20), Math.round(baseline - box.top), Math.round(lineHeight)]];
})"""

# True once the element has stayed at the same height on the screen for
# `frames` frames in a row (polled every frame by wait_for_function).
STILL_FOR = """([element, frames]) => {
  const top = Math.round(element.getBoundingClientRect().top);
  const seen = element.__stillFor || (element.__stillFor = {top, frames: 0});
  if (seen.top === top) seen.frames += 1; else { seen.top = top; seen.frames = 0; }
  if (seen.frames < frames) return false;
  delete element.__stillFor;
  return true;
}"""


class WorkbookPage:
    def __init__(self, page: Page, site_url: str):
        self.page = page
        self.site_url = site_url

    # -- navigation
    def open(self, path: str = "") -> "WorkbookPage":
        self.page.goto(self.site_url + path)
        return self.wait_until_ready()

    def open_with(self, items: dict[str, str], path: str = "") -> "WorkbookPage":
        """Opens the page on a browser whose localStorage holds `items`
        (fixtures.stored_items: a workbook as the page stores it). They are
        put there before the page's first script, once in this tab: a reload
        finds what the page saved since, as a participant's would."""
        self.page.add_init_script(SEED_STORAGE_ONCE % json.dumps(items))
        return self.open(path)

    def reload(self) -> "WorkbookPage":
        self.page.reload()
        return self.wait_until_ready()

    @staticmethod
    def fill_in_turn(control: Locator, texts: list[str]) -> None:
        """Gives `control` each text in turn, an input event each, as `fill`
        does but in one call: for the tests that count hundreds of edits."""
        control.evaluate("""(control, texts) => {
          for (const text of texts) {
            control.value = text;
            control.dispatchEvent(new Event("input", {bubbles: true}));
          }
        }""", texts)

    def wait_until_ready(self) -> "WorkbookPage":
        # A Python error also ends the wait, so a broken page fails fast.
        self.page.wait_for_selector(f"{READY}, .py-error", state="attached")
        errors = self.page.locator(".py-error")
        assert errors.count() == 0, errors.first.inner_text()
        expect(self.page.locator("body")).to_have_attribute("data-ready", "1")
        # The sheets below the first arrive just after ready.
        expect(self.page.locator("body")).to_have_attribute("data-sheets", "all")
        return self

    def wait_until_reviewed(self) -> "WorkbookPage":
        """Until the review shows the workbook as it is now (its reasons are
        written after the panel's details and map, once typing pauses)."""
        self.page.wait_for_selector("body[data-review='written']", state="attached")
        return self

    def wait_until_saved(self) -> "WorkbookPage":
        """Typing is saved once it pauses; the page says when it is done."""
        expect(self.page.locator("body")).not_to_have_attribute("data-save-state", "pending")
        return self

    # -- worksheets
    def sheet_links(self, navigation: str = "工作表") -> Locator:
        """The links of the sheet navigation (named `navigation` in the page's language)."""
        return self.page.get_by_role("navigation", name=navigation, exact=True).get_by_role("link")

    def follow_sheet_link(self, name: str, navigation: str = "工作表") -> Locator:
        """From the top of the page, the sheet link `name` followed; returns the
        sheet's heading once it has stayed put for half a second of frames."""
        self.page.evaluate("scrollTo(0, 0)")
        self.sheet_links(navigation).filter(has_text=name).first.click()
        heading = self.worksheet(name).get_by_role("heading", name=name, exact=True)
        self.wait_until_still(heading)
        return heading

    def wait_until_still(self, target: Locator, frames: int = 30):
        self.page.wait_for_function(STILL_FOR, arg=[target.element_handle(), frames], polling="raf")

    def sticky_bar_bottom(self) -> float:
        """Where the score panel, kept on top of a phone's screen, ends."""
        box = self.page.get_by_role("complementary").bounding_box()
        return box["y"] + box["height"]

    def crowded_sheet_links(self, navigation: str = "工作表") -> list[str]:
        return self.sheet_links(navigation).evaluate_all(CROWDED_CHIPS)

    def worksheet(self, title: str) -> Locator:
        return self.page.get_by_role("region", name=title, exact=True)

    def point(self, worksheet: str, point: str) -> Locator:
        return self.worksheet(worksheet).get_by_role("group", name=point, exact=True)

    def disclose(self, worksheet: str, point: str, note: str = "", level: str | None = None):
        group = self.point(worksheet, point)
        if note:
            group.get_by_label(ZH["note"]).fill(note)
        group.get_by_label(ZH["status"]).select_option("disclosed")
        if level:
            group.get_by_label(ZH["level"]).select_option(level)

    def tell(self, point: str, person: str | None = None, note: str = "", level: str | None = None):
        """One of your personal points, prepared and told to `person` (by
        name; None: to everybody)."""
        group = self.point(ZH["seller_personal"], point)
        if note:
            group.get_by_label(ZH["note"]).fill(note)
        group.get_by_label(ZH["status"]).select_option("prepared")
        if level:
            group.get_by_label(ZH["level"]).select_option(level)
        told_to = group.get_by_role("group", name=ZH["told_to"])
        told = told_to.get_by_role("checkbox") if person is None else told_to.get_by_role("checkbox", name=person,
                                                                                            exact=True)
        for number in range(told.count()):
            told.nth(number).check()

    def learn(self, worksheet: str, point: str, level: str | None = None):
        group = self.point(worksheet, point)
        group.get_by_label(ZH["known"]).check()
        if level:
            group.get_by_label(ZH["level"]).select_option(level)

    def rows(self, worksheet: str) -> Locator:
        return self.worksheet(worksheet).get_by_role("listitem")

    def add_need(self, text: str):
        sheet = self.worksheet(ZH["needs"])
        sheet.get_by_role("button", name=ZH["add_need"]).click()
        sheet.get_by_role("listitem").last.get_by_label(ZH["need_text"]).fill(text)

    def add_shared_item(self, text: str, narrowness: str):
        sheet = self.worksheet(ZH["common_ground"])
        sheet.get_by_role("button", name=ZH["add_shared"]).click()
        row = sheet.get_by_role("listitem").last
        row.get_by_label(ZH["shared_text"]).fill(text)
        row.get_by_label(ZH["narrowness"]).select_option(narrowness)

    # -- the account's people
    def person(self, number: int) -> Locator:
        """The people sheet's row of the person in place `number` (from 1)."""
        return self.worksheet(ZH["people"]).get_by_role("group", name=ZH["person_n"].format(n=number), exact=True)

    def add_person(self, name: str = "", role: str | None = None, influence: str | None = None) -> Locator:
        sheet = self.worksheet(ZH["people"])
        count = sheet.get_by_role("listitem").count()
        sheet.get_by_role("button", name=ZH["add_person"], exact=True).click()
        row = self.person(count + 1)
        self.set_person(row, name, role, influence)
        return row

    def set_person(self, row: Locator, name: str = "", role: str | None = None, influence: str | None = None):
        if name:
            row.get_by_label(ZH["person_name"], exact=True).fill(name)
        if role:
            row.get_by_role("combobox", name=ZH["role"], exact=True).select_option(role)
        if influence:
            row.get_by_role("combobox", name=ZH["influence"], exact=True).select_option(influence)

    def pick_person(self, label: str):
        """Shows a person's points on the client's personal sheet (by name · role)."""
        self.picker_choice(label).check()

    def picker_choice(self, label: str) -> Locator:
        sheet = self.worksheet(ZH["client_personal"])
        return sheet.get_by_role("group", name=ZH["picker"]).get_by_role("radio", name=label, exact=True)

    def told(self, point: str, person: str) -> Locator:
        """The checkbox that says `point` of yours has been told to `person`."""
        group = self.point(ZH["seller_personal"], point).get_by_role("group", name=ZH["told_to"])
        return group.get_by_role("checkbox", name=person, exact=True)

    def shared_with(self, row: Locator, person: str) -> Locator:
        return row.get_by_role("group", name=ZH["shared_with"]).get_by_role("checkbox", name=person, exact=True)

    def person_trust(self, name: str) -> Locator:
        """T_i as the score panel's list of people shows it."""
        line = self.page.locator(".person-score").filter(has=self.page.get_by_role("link", name=name, exact=True))
        return line.locator("[data-person-figure='T']")

    def person_in_panel(self, name: str) -> Locator:
        """The score panel's entry of one person: their T_i, their figures
        and their own next moves."""
        return self.page.get_by_role("complementary").get_by_role("listitem").filter(
            has=self.page.get_by_role("link", name=name, exact=True))

    def stored_workbook(self) -> dict:
        """The open workbook as localStorage holds it."""
        return self.page.evaluate("""() => {
            const current = JSON.parse(localStorage.getItem('trust-workbook:index')).current;
            return JSON.parse(localStorage.getItem('trust-workbook:workbook:' + current));
        }""")

    # -- motives, why they may not sign yet, the kind of client
    def motives(self) -> Locator:
        """The motives of the person the client's personal sheet shows."""
        return self.worksheet(ZH["client_personal"]).get_by_role("group", name=ZH["motives"], exact=True)

    def advice(self) -> Locator:
        """The method's advice beside the motives: one item per motive advised."""
        return self.motives().get_by_role("list").first.locator(":scope > li")

    def review_list(self, name: str) -> Locator:
        """One list of the review sheet, by its heading (ZH["review_open"], ...)."""
        return self.worksheet(ZH["review"]).get_by_role("list", name=name, exact=True)

    def reasons_in(self, name: str) -> Locator:
        """The reasons of one list of the review sheet, each a group named by its label."""
        return self.review_list(name).get_by_role("group")

    def reason_labels(self, name: str) -> list[str]:
        return [text.strip() for text in self.review_list(name).locator("legend").all_text_contents()]

    def reason(self, label: str) -> Locator:
        return self.worksheet(ZH["review"]).get_by_role("group", name=label, exact=True)

    def reason_move(self, label: str) -> Locator:
        """The link of the one move that would clear an open reason."""
        return self.reason(label).get_by_role("link")

    def word_on_reason(self, label: str, check: str, note: str = ""):
        """Ticks a reason's own checkbox (ZH["review_tick"], ZH["review_clear"],
        ZH["review_count"]) and writes a note."""
        self.reason(label).get_by_role("checkbox", name=check, exact=True).check()
        if note:
            self.reason(label).get_by_label(ZH["review_note"], exact=True).fill(note)

    def review_line(self) -> Locator:
        """The score panel's line: how many reasons are open."""
        return self.page.locator("[data-review-line]")

    def choose_client_type(self, label: str):
        self.page.get_by_role("combobox", name=ZH["client_type"], exact=True).select_option(label=label)

    # -- workbooks
    def switcher(self) -> Locator:
        return self.page.get_by_label(ZH["switcher"])

    def workbook_action(self, name: str):
        bar = self.page.get_by_role("group", name=ZH["workbooks"], exact=True)
        bar.get_by_role("button", name=name, exact=True).click()

    def name_workbook(self, name: str):
        self.page.get_by_label(ZH["workbook_name"]).fill(name)

    def status_line(self) -> Locator:
        """The status line at the foot of the screen (what became of an action)."""
        return self.page.locator("[data-status]")

    # -- results files
    def type_participant(self, name: str):
        """Writes the participant's name into its field and stays there."""
        self.page.get_by_label(ZH["participant"], exact=True).fill(name)

    def import_file(self, name: str, text: str):
        self.page.get_by_label(ZH["import"]).set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}])

    # -- score panel
    def panel_overflows(self) -> list[str]:
        return self.page.evaluate(PANEL_OVERFLOWS)

    def moves(self) -> Locator:
        return self.page.locator("[data-moves] li")

    def where_wrapped_moves_are_numbered(self) -> list:
        """[move's start, its number's baseline below the link's top, a line's height]
        of each next move whose link wraps."""
        return self.moves().evaluate_all(NUMBER_BELOW_LINK_TOP)

    def explanation(self, question: str) -> Locator:
        """The "?" of a figure: a disclosure whose summary asks `question`."""
        return self.page.locator("details.explain").filter(has=self.page.get_by_text(question, exact=True))

    def as_printed(self) -> "WorkbookPage":
        """The page as the printer lays it out: the handout filled, print styles on."""
        self.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        self.page.emulate_media(media="print")
        return self

    def printed_map_caption(self) -> Locator:
        return self.page.locator("[data-handout-map] figcaption > span").first

    def lines_of(self, element: Locator) -> int:
        """How many lines the text of `element` takes on screen."""
        return element.evaluate("""element => { const range = document.createRange(); range.selectNodeContents(element);
            return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; }""")

    def print_to_pdf(self) -> bytes:
        """The printout, as the browser prints it on A4."""
        return self.page.pdf(format="A4", print_background=True)

    def coverage_bar(self, path: str) -> Locator:
        """The share a coverage bar shows for one list ("seller.product", "client.needs", ...)."""
        return self.page.locator(f"[data-bar-value='{path}']")

    def coverage_help(self) -> Locator:
        return self.page.locator(".coverage-block .panel-help")

    def indicator(self, name: str) -> Locator:
        """One cell of the indicators table ("disclosure.product", ...)."""
        return self.page.locator(f"[data-indicator='{name}']")

    def score(self, name: str) -> str:
        return self.page.locator(f"[data-score='{name}']").inner_text()

    def expect_score(self, name: str, text: str):
        expect(self.page.locator(f"[data-score='{name}']")).to_have_text(text)

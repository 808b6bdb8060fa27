"""A small page object: tests speak of worksheets, points and workbooks, not
selectors. Accessible names first; data attributes only for the score panel's
figures, which are read as values."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

READY = "body[data-ready='1']"

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
    "preset": "客户类型",
    "contact_factor": "接触系数 P(0–10)",
    "reset_settings": "恢复默认设置",
    "score_details": "得分详情",
    "import": "导入 JSON 文件",
    "replace": "替换",
    "keep_both": "两份都保留",
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


class WorkbookPage:
    def __init__(self, page: Page, site_url: str):
        self.page = page
        self.site_url = site_url

    # -- navigation
    def open(self, path: str = "") -> "WorkbookPage":
        self.page.goto(self.site_url + path)
        return self.wait_until_ready()

    def reload(self) -> "WorkbookPage":
        self.page.reload()
        return self.wait_until_ready()

    def wait_until_ready(self) -> "WorkbookPage":
        # A Python error also ends the wait, so a broken page fails fast.
        self.page.wait_for_selector(f"{READY}, .py-error", state="attached")
        errors = self.page.locator(".py-error")
        assert errors.count() == 0, errors.first.inner_text()
        expect(self.page.locator("body")).to_have_attribute("data-ready", "1")
        # The sheets below the first arrive just after ready.
        expect(self.page.locator("body")).to_have_attribute("data-sheets", "all")
        return self

    def wait_until_saved(self) -> "WorkbookPage":
        """Typing is saved once it pauses; the page says when it is done."""
        expect(self.page.locator("body")).not_to_have_attribute("data-save-state", "pending")
        return self

    # -- worksheets
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

    # -- workbooks
    def switcher(self) -> Locator:
        return self.page.get_by_label(ZH["switcher"])

    def workbook_action(self, name: str):
        bar = self.page.get_by_role("group", name=ZH["workbooks"], exact=True)
        bar.get_by_role("button", name=name, exact=True).click()

    def name_workbook(self, name: str):
        self.page.get_by_label(ZH["workbook_name"]).fill(name)

    # -- results files
    def import_file(self, name: str, text: str):
        self.page.get_by_label(ZH["import"]).set_input_files(
            files=[{"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}])

    # -- score panel
    def panel_overflows(self) -> list[str]:
        return self.page.evaluate(PANEL_OVERFLOWS)

    def moves(self) -> Locator:
        return self.page.locator("[data-moves] li")

    def explanation(self, question: str) -> Locator:
        """The "?" of a figure: a disclosure whose summary asks `question`."""
        return self.page.locator("details.explain").filter(has=self.page.get_by_text(question, exact=True))

    def print_to_pdf(self) -> bytes:
        """The printout, as the browser prints it on A4."""
        return self.page.pdf(format="A4", print_background=True)

    def score(self, name: str) -> str:
        return self.page.locator(f"[data-score='{name}']").inner_text()

    def expect_score(self, name: str, text: str):
        expect(self.page.locator(f"[data-score='{name}']")).to_have_text(text)

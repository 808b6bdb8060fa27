"""The facilitator view as a facilitator uses it: load files, sort, hide
names, present, download the table, clear and undo; and the participant's
name on the workbook page, which every results file carries. Accessible
names first; tables are read as rows of cell texts."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Locator, Page, expect

from workbook_page import READY

# The words of the Chinese page, as a facilitator reads them.
ZH = {
    "pick_files": "选择结果文件(可多选)",
    "drop_zone": "结果文件拖放区",
    "anonymise": "隐藏姓名(投影时使用)",
    "download_csv": "下载 CSV",
    "clear": "清空",
    "undo": "撤销",
    "present": "演示模式",
    "table": "全场结果",
    "heat": "全场覆盖热图",
    "separating": "拉开差距的要点",
    "roles": "全场最常空缺的角色",
    "reasons": "接下来讲什么",
    "distribution": "全场分布",
    "chart": "各参与者的信任得分 T",
    "problems": "未能读取的文件",
    "load_panel": "载入结果文件",
    "columns": {
        "participant": "参与者", "workbook": "工作簿", "account": "客户单位", "T": "信任 T",
        "decider_T": "决策者的 T", "people": "人数", "IS": "IS", "IC": "IC", "R": "R", "readiness": "准备度",
        "disclosure": "披露度", "knowledge": "了解度", "weakest": "最薄弱的客户信息", "roles_missing": "空缺的角色",
        "reasons": "未签原因",
    },
    # on the workbook page
    "participant_name": "你的名字",
    "download_current": "下载本工作簿",
    "download_all": "下载全部",
    "scroll_hint": "表格比屏幕宽:左右滑动表格,查看其余各列 →",
    "problems_link": r"查看未能读取的 \d+ 个文件",
}

# The words of the English page (the ones the page object looks for).
EN = {
    "pick_files": "Choose results files (several at once)",
    "drop_zone": "Drop zone for results files",
    "anonymise": "Hide names (for projecting)",
    "present": "Presenting mode",
    "table": "The room's results",
    "heat": "Coverage heat map",
    "problems": "Files that could not be read",
    "load_panel": "Load results files",
    "columns": {
        "participant": "Participant", "workbook": "Workbook", "account": "Client organisation", "T": "Trust T",
        "decider_T": "Decider's T", "people": "People", "IS": "IS", "IC": "IC", "R": "R",
        "readiness": "Readiness", "disclosure": "Disclosure", "knowledge": "Knowledge",
        "weakest": "Weakest client area", "roles_missing": "Roles not covered", "reasons": "Open reasons",
    },
    "scroll_hint": "The table is wider than the screen: scroll it sideways for the other columns →",
}


def json_file(name: str, data) -> dict:
    """An in-memory file for set_input_files."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    return {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}


class FacilitatorPage:
    words = ZH   # the page's language, as the page object finds things

    def __init__(self, page: Page, site_url: str):
        self.page = page
        self.site_url = site_url
        self.loaded_files = 0
        self.chosen = 0

    def open(self, path: str = "facilitator.html", readers: int | None = None) -> "FacilitatorPage":
        """Opens the page; with `readers`, asks for that many page workers to
        read the files (0: the page's own worker reads them), starts them as
        a facilitator does, going to the file picker, and waits until they
        have started."""
        self.page.goto(self.site_url + path + ("" if readers is None else "?readers=%d" % readers))
        self.wait_until_ready()
        if readers:
            self.page.get_by_label(self.words["pick_files"]).focus()
            expect(self.page.locator("body")).to_have_attribute("data-room-readers", str(readers), timeout=20000)
        return self

    def read_by(self) -> str:
        """Who read the last files: "page workers", "page workers and page"
        (a slice the workers failed), "page"."""
        return self.page.locator("body").get_attribute("data-read-by")

    def kept_room(self) -> str:
        """The room as the page keeps it in the browser."""
        return self.page.evaluate("localStorage.getItem('trust-workbook:room')")

    def wait_until_ready(self) -> "FacilitatorPage":
        self.page.wait_for_selector(f"{READY}, .py-error", state="attached")
        expect(self.page.locator(".py-error")).to_have_count(0)
        expect(self.page.locator("body")).to_have_attribute("data-ready", "1")
        return self

    # -- loading
    def load(self, *files: dict) -> "FacilitatorPage":
        """Choose files with the file picker; waits until the room has read them."""
        self.page.get_by_label(self.words["pick_files"]).set_input_files(list(files))
        return self._wait_for(len(files))

    def drop(self, *files: dict) -> "FacilitatorPage":
        """Drop files onto the drop zone, as dragged from the desktop."""
        payload = [{"name": f["name"], "type": f["mimeType"], "text": f["buffer"].decode("utf-8")}
                   for f in files]
        transfer = self.page.evaluate_handle(
            """files => {
                const transfer = new DataTransfer();
                for (const f of files) transfer.items.add(new File([f.text], f.name, {type: f.type}));
                return transfer;
            }""", payload)
        zone = self.page.get_by_role("region", name=ZH["drop_zone"])
        zone.dispatch_event("dragover", {"dataTransfer": transfer})
        zone.dispatch_event("drop", {"dataTransfer": transfer})
        return self._wait_for(len(files))

    def drop_with_one_unreadable(self, *files: dict, unreadable: str) -> "FacilitatorPage":
        """Drop files together with one whose bytes the browser cannot read
        (a folder dragged along with them, a file moved away meanwhile)."""
        payload = [{"name": f["name"], "type": f["mimeType"], "text": f["buffer"].decode("utf-8")} for f in files]
        self.page.get_by_role("region", name=ZH["drop_zone"]).evaluate(
            """(zone, [files, unreadable]) => {
                const dropped = files.map(f => new File([f.text], f.name, {type: f.type}));
                const gone = new File([], unreadable);
                gone.arrayBuffer = () => Promise.reject(new DOMException("not found", "NotFoundError"));
                dropped.push(gone);
                const drop = new Event("drop", {bubbles: true, cancelable: true});
                Object.defineProperty(drop, "dataTransfer", {value: {files: dropped}});
                zone.dispatchEvent(drop);
            }""", [payload, unreadable])
        return self._wait_for(len(files) + 1)

    def choose(self, *files: dict) -> "FacilitatorPage":
        """Choose files with the file picker and go on at once, while the
        room reads them; wait_for_load() waits until it has."""
        self.page.get_by_label(self.words["pick_files"]).set_input_files(list(files))
        self.chosen = len(files)
        return self

    def wait_for_load(self) -> "FacilitatorPage":
        return self._wait_for(self.chosen)

    def _wait_for(self, count: int) -> "FacilitatorPage":
        self.loaded_files += count
        # A room of many files on a busy machine takes longer than expect()'s 5 s.
        expect(self.page.locator("body")).to_have_attribute("data-loaded", str(self.loaded_files), timeout=30000)
        expect(self.page.locator(".py-error")).to_have_count(0)
        return self

    def _answered(self):
        """Waits until the page has shown what its worker answered to the
        last action (static/room_page.js marks the body while it waits)."""
        self.page.wait_for_selector("body:not([data-answering])", state="attached")

    def clear(self):
        self.page.get_by_role("button", name=ZH["clear"]).click()
        self._answered()
        self.loaded_files = 0
        expect(self.page.locator("body")).to_have_attribute("data-loaded", "0")

    def undo_clear(self):
        self.page.get_by_role("status").get_by_role("button", name=ZH["undo"]).click()
        self._answered()
        self.loaded_files = int(self.page.locator("body").get_attribute("data-loaded"))

    def reload(self) -> "FacilitatorPage":
        self.page.reload()
        self.wait_until_ready()
        self.loaded_files = int(self.page.locator("body").get_attribute("data-loaded"))
        return self

    def present(self, on: bool = True):
        button = self.page.get_by_role("button", name=self.words["present"])
        if (button.get_attribute("aria-pressed") == "true") != on:
            button.click()
        expect(button).to_have_attribute("aria-pressed", "true" if on else "false")

    def load_panel(self) -> Locator:
        """The fold that holds the picker and the drop zone."""
        return self.page.locator("details", has=self.page.get_by_role("heading", name=self.words["load_panel"]))

    def problems_link(self) -> Locator:
        """The status line's link to the files that could not be read."""
        return self.page.get_by_role("status").get_by_role("link", name=re.compile(self.words["problems_link"]))

    def problems_panel(self) -> Locator:
        heading = self.page.get_by_role("heading", name=re.compile(self.words["problems"]))
        return self.page.locator("details", has=heading)

    # -- the table
    def table(self) -> Locator:
        return self.page.get_by_role("region", name=self.words["table"]).get_by_role("table")

    def header(self, column: str) -> Locator:
        return self.table().get_by_role("columnheader", name=self.words["columns"][column])

    def sort_by(self, column: str):
        self.header(column).get_by_role("button").click()
        self._answered()

    def rows(self) -> list[list[str]]:
        body = self.table().locator("tbody tr")
        return body.evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.textContent))")

    def column(self, column: str) -> list[str]:
        position = list(ZH["columns"]).index(column)
        return [row[position] for row in self.rows()]

    def average(self) -> list[str]:
        return self.table().locator("tfoot tr").evaluate("r => [...r.cells].map(c => c.textContent)")

    def scroll_hint(self) -> Locator:
        """The line that says the table scrolls sideways."""
        return self.region("table").get_by_text(self.words["scroll_hint"])

    def table_overflow(self) -> int:
        """How many pixels of the table lie beyond its box, sideways (0: it fits)."""
        return self.table().evaluate("t => t.parentElement.scrollWidth - t.parentElement.clientWidth")

    def lines_in_column(self, column: str) -> list[int]:
        """How many lines each body row's cell of `column` takes."""
        return self.table().locator("tbody td." + column).evaluate_all("""cells => cells.map(c => {
            const style = getComputedStyle(c);
            const text = c.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
            return Math.round(text / parseFloat(style.lineHeight));
        })""")

    def row_heights(self) -> list[float]:
        """Each body row's height, in CSS pixels."""
        return self.table().locator("tbody tr").evaluate_all(
            "rows => rows.map(r => r.getBoundingClientRect().height)")

    def text_size(self, locator: Locator) -> float:
        """The font size of what `locator` finds first, in CSS pixels."""
        return float(locator.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))

    def anonymise(self, on: bool = True, wait: bool = True):
        self.page.get_by_label(self.words["anonymise"]).set_checked(on)
        if wait:
            self._answered()

    def watch_for_names(self, *names: str):
        """From now on, notes each time one of `names` could be seen on the
        page while "Hide names" is ticked: as the box is ticked, and after
        every change to the page (before the browser paints it)."""
        self.page.evaluate("""names => {
            window.__namesSeen = [];
            const box = document.querySelector("[data-control='anonymise']");
            const look = (when) => {
                if (!box.checked) return;
                const texts = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
                for (let text = texts.nextNode(); text; text = texts.nextNode()) {
                    if (names.some(name => text.data.includes(name))
                            && text.parentElement.checkVisibility({visibilityProperty: true})) {
                        window.__namesSeen.push(when + ": " + text.data);
                    }
                }
            };
            new MutationObserver(() => look("after a change")).observe(document.documentElement,
                {subtree: true, childList: true, characterData: true, attributes: true});
            // The page's own listener is the document's: this one runs after it.
            window.addEventListener("change", () => look("as the box was ticked"));
        }""", list(names))

    def names_seen(self) -> list[str]:
        return self.page.evaluate("window.__namesSeen")

    def outcome_line(self) -> Locator:
        """The status line, which says the outcome of the last action."""
        return self.page.locator("[data-room-outcome]")

    def keep_count_of_workers(self):
        """Before open(): keeps every Web Worker the page starts, in order
        (the page's own worker first, then its readers), for end_a_reader()."""
        self.page.add_init_script("""{
            const Original = Worker;
            window.__workers = [];
            window.Worker = class extends Original {
                constructor(...args) { super(...args); window.__workers.push(this); }
            };
        }""")

    def end_a_reader(self):
        """Ends a page worker without a word, as a browser short of memory
        does: its answers never come."""
        self.page.evaluate("window.__workers[1].terminate()")

    # -- the other panels
    def region(self, name: str) -> Locator:
        return self.page.get_by_role("region", name=self.words[name])

    def heat_map(self) -> list[list[str]]:
        """The coverage heat map's body rows: [point or list, prepared, disclosed or known]."""
        return self.region("heat").locator("tbody tr").evaluate_all(
            "rows => rows.map(r => [...r.cells].map(c => c.textContent))")

    def heat_bands(self) -> list[str]:
        return self.region("heat").locator("td.heat").evaluate_all(
            "cells => cells.map(c => c.className.match(/band-\\d|none/)[0])")

    def separating(self) -> list[str]:
        return self.region("separating").get_by_role("listitem").all_text_contents()

    def roles_missing(self) -> list[str]:
        """The room's most-missed roles, as listed: "role: in how many workbooks"."""
        return self.region("roles").get_by_role("listitem").all_text_contents()

    def reasons(self) -> list[str]:
        """What to talk about next, as listed: "reason" + "in how many workbooks"."""
        return self.region("reasons").get_by_role("listitem").all_text_contents()

    def reason_bars(self) -> list[float]:
        """Each reason's bar, in % of the room's workbooks."""
        return self.region("reasons").locator(".reason-bar").evaluate_all(
            "bars => bars.map(b => parseFloat(b.style.width))")

    def distribution(self, column: str) -> dict:
        """The dot plot of a column: its summary line and each dot's position (%) and title."""
        figure = self.region("distribution").get_by_role("figure").filter(has_text=ZH["columns"][column])
        return figure.evaluate("""f => ({
            summary: f.querySelector('.plot-summary').textContent,
            label: f.querySelector('[role=img]').getAttribute('aria-label'),
            dots: [...f.querySelectorAll('.dot')].map(d => [d.title, parseFloat(d.style.left)]),
            median: parseFloat(f.querySelector('.median').style.left)})""")

    def chart_labels(self) -> list[str]:
        return self.region("chart").locator(".bar-label").all_text_contents()

    def chart_widths(self) -> list[float]:
        """Each bar's length in % of the longest bar's room."""
        return self.region("chart").locator(".bar").evaluate_all(
            "bars => bars.map(b => parseFloat(b.style.width))")

    def chart_text_sizes(self) -> list[float]:
        """The chart's text as drawn on screen, in CSS pixels."""
        return self.region("chart").locator(".bar-label, .bar-value").evaluate_all(
            "texts => texts.map(t => parseFloat(getComputedStyle(t).fontSize))")

    def notices(self) -> list[str]:
        return self.page.locator("[data-notices] li").all_text_contents()

    def problems(self) -> dict[str, list[str]]:
        """File name -> its error lines, as listed (folded or not)."""
        panel = self.problems_panel()
        if panel.count() == 0 or panel.is_hidden():
            return {}
        return panel.locator("ul > li").filter(has=self.page.locator("strong")).evaluate_all(
            """items => Object.fromEntries(items.map(li => [
                li.querySelector('strong').textContent,
                [...li.querySelectorAll('li')].map(e => e.textContent)]))""")

    def status(self) -> str:
        return self.page.locator("[data-room-status]").text_content()

    def statuses_while_loading(self, *files: dict) -> list[str]:
        """Every text the status line shows from choosing the files until the
        room has read them, in order."""
        self.page.evaluate("""() => {
            window.__statuses = [];
            const line = document.querySelector('[data-room-status]');
            new MutationObserver(() => window.__statuses.push(line.textContent))
                .observe(line, {childList: true, characterData: true, subtree: true});
        }""")
        self.load(*files)
        return self.page.evaluate("window.__statuses")

    def download_csv(self) -> tuple[str, bytes]:
        with self.page.expect_download() as download_info:
            self.page.get_by_role("button", name=ZH["download_csv"]).click()
        download = download_info.value
        with open(download.path(), "rb") as f:
            return download.suggested_filename, f.read()


class EnglishFacilitatorPage(FacilitatorPage):
    words = EN

    def open(self, path: str = "en/facilitator.html", **options) -> "FacilitatorPage":
        return super().open(path, **options)


def set_participant_name(page: Page, name: str):
    """On the workbook page: the participant writes their name (saved on change)."""
    field = page.get_by_label(ZH["participant_name"], exact=True)
    field.fill(name)
    field.press("Tab")


def download_results(page: Page, button: str = ZH["download_current"]) -> tuple[str, str]:
    """On the workbook page: (file name, text) of a results download."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    downloaded = info.value
    with open(downloaded.path(), encoding="utf-8") as file:
        return downloaded.suggested_filename, file.read()

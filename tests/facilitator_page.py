"""The facilitator view as a facilitator uses it: load files, sort, hide
names, download the table. Accessible names first; the table is read as
rows of cell texts."""

from __future__ import annotations

import json

from playwright.sync_api import Locator, Page, expect

from workbook_page import READY

# The words of the Chinese page, as a facilitator reads them.
ZH = {
    "pick_files": "选择结果文件(可多选)",
    "drop_zone": "结果文件拖放区",
    "anonymise": "隐藏姓名(投影时使用)",
    "download_csv": "下载 CSV",
    "clear": "清空",
    "table": "全场结果",
    "missing": "全场最常缺的要点",
    "chart": "各参与者的信任得分 T",
    "problems": "未能读取的文件",
    "columns": {
        "participant": "参与者", "account": "客户单位", "T": "信任 T", "IS": "IS", "IC": "IC",
        "R": "R", "readiness": "准备度", "weakest": "最薄弱的客户信息",
    },
}


def json_file(name: str, data) -> dict:
    """An in-memory file for set_input_files."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    return {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}


class FacilitatorPage:
    def __init__(self, page: Page, site_url: str):
        self.page = page
        self.site_url = site_url
        self.loaded_files = 0

    def open(self, path: str = "facilitator.html") -> "FacilitatorPage":
        self.page.goto(self.site_url + path)
        return self.wait_until_ready()

    def wait_until_ready(self) -> "FacilitatorPage":
        self.page.wait_for_selector(f"{READY}, .py-error", state="attached")
        expect(self.page.locator(".py-error")).to_have_count(0)
        expect(self.page.locator("body")).to_have_attribute("data-ready", "1")
        return self

    # -- loading
    def load(self, *files: dict) -> "FacilitatorPage":
        """Choose files with the file picker; waits until the room has read them."""
        self.page.get_by_label(ZH["pick_files"]).set_input_files(list(files))
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

    def _wait_for(self, count: int) -> "FacilitatorPage":
        self.loaded_files += count
        expect(self.page.locator("body")).to_have_attribute("data-loaded", str(self.loaded_files))
        expect(self.page.locator(".py-error")).to_have_count(0)
        return self

    def clear(self):
        self.page.get_by_role("button", name=ZH["clear"]).click()
        self.loaded_files = 0

    # -- the table
    def table(self) -> Locator:
        return self.page.get_by_role("table")

    def header(self, column: str) -> Locator:
        return self.table().get_by_role("columnheader", name=ZH["columns"][column])

    def sort_by(self, column: str):
        self.header(column).get_by_role("button").click()

    def rows(self) -> list[list[str]]:
        body = self.table().locator("tbody tr")
        return body.evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.textContent))")

    def column(self, column: str) -> list[str]:
        position = list(ZH["columns"]).index(column)
        return [row[position] for row in self.rows()]

    def average(self) -> list[str]:
        return self.table().locator("tfoot tr").evaluate("r => [...r.cells].map(c => c.textContent)")

    def anonymise(self, on: bool = True):
        self.page.get_by_label(ZH["anonymise"]).set_checked(on)

    # -- the other panels
    def most_missing(self) -> list[str]:
        section = self.page.get_by_role("region", name=ZH["missing"])
        return section.get_by_role("listitem").all_text_contents()

    def chart_labels(self) -> list[str]:
        return self.page.locator("[data-chart] .bar-label").all_text_contents()

    def chart_widths(self) -> list[float]:
        return [float(w) for w in self.page.locator("[data-chart] rect.bar").evaluate_all(
            "bars => bars.map(b => b.getAttribute('width'))")]

    def problems(self) -> dict[str, list[str]]:
        """File name -> its error lines, as listed."""
        section = self.page.get_by_role("region", name=ZH["problems"])
        if not section.is_visible():
            return {}
        return section.locator("[data-problem-list] > li").evaluate_all(
            """items => Object.fromEntries(items.map(li => [
                li.querySelector('strong').textContent,
                [...li.querySelectorAll('li')].map(e => e.textContent)]))""")

    def status(self) -> str:
        return self.page.locator("[data-room-status]").inner_text()

    def download_csv(self) -> tuple[str, bytes]:
        with self.page.expect_download() as download_info:
            self.page.get_by_role("button", name=ZH["download_csv"]).click()
        download = download_info.value
        with open(download.path(), "rb") as f:
            return download.suggested_filename, f.read()

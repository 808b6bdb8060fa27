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
}


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

    # -- score panel
    def score(self, name: str) -> str:
        return self.page.locator(f"[data-score='{name}']").inner_text()

    def expect_score(self, name: str, text: str):
        expect(self.page.locator(f"[data-score='{name}']")).to_have_text(text)

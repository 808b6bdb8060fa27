"""A small page object: tests speak of worksheets and points, not selectors."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

READY = "body[data-ready='1']"


class WorkbookPage:
    def __init__(self, page: Page, site_url: str):
        self.page = page
        self.site_url = site_url

    def open(self, path: str = "") -> "WorkbookPage":
        self.page.goto(self.site_url + path)
        return self.wait_until_ready()

    def reload(self) -> "WorkbookPage":
        self.page.reload()
        return self.wait_until_ready()

    def wait_until_ready(self) -> "WorkbookPage":
        # A Python error also ends the wait, so a broken page fails fast.
        self.page.wait_for_selector(f"{READY}, .py-error", state="attached")
        expect(self.page.locator(".py-error")).to_have_count(0)
        expect(self.page.locator("body")).to_have_attribute("data-ready", "1")
        return self

    def worksheet(self, title: str) -> Locator:
        return self.page.get_by_role("region", name=title, exact=True)

    def point(self, worksheet: str, point: str) -> Locator:
        return self.worksheet(worksheet).get_by_role("group", name=point, exact=True)

    def score(self, name: str) -> str:
        return self.page.locator(f"[data-score='{name}']").inner_text()

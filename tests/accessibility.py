"""An axe-core scan of whatever a page shows, for the accessibility tests."""

from __future__ import annotations

import json
from pathlib import Path

import build

AXE = Path(build.NODE_MODULES) / "axe-core" / "axe.min.js"
# WCAG 2.2's "target size (minimum)", 2.5.8: axe leaves the rule off unless
# asked, Lighthouse's accessibility score turns it on.
TARGET_SIZE = "target-size"


def serious_violations(page, also: tuple[str, ...] = ()) -> list[dict]:
    """axe-core's serious and critical findings, each with a few targets;
    `also` turns on rules axe leaves off by default (TARGET_SIZE)."""
    # Evaluated through the DevTools protocol: the page's own policy allows no
    # inline script, and the scanner is not part of the page.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in also}}
    found = page.evaluate(f"axe.run(document, {json.dumps(options)})")
    return [
        {"id": violation["id"], "nodes": [node["target"] for node in violation["nodes"]][:3]}
        for violation in found["violations"]
        if violation["impact"] in ("serious", "critical")
    ]

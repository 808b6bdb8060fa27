"""An axe-core scan of whatever a page shows, for the accessibility tests."""

from __future__ import annotations

from pathlib import Path

import build

AXE = Path(build.NODE_MODULES) / "axe-core" / "axe.min.js"


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings, each with a few targets."""
    # Evaluated through the DevTools protocol: the page's own policy allows no
    # inline script, and the scanner is not part of the page.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": violation["id"], "nodes": [node["target"] for node in violation["nodes"]][:3]}
        for violation in found["violations"]
        if violation["impact"] in ("serious", "critical")
    ]

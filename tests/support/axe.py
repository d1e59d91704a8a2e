"""axe-core in a real page: the WCAG 2.0/2.1/2.2 A and AA rules and the best practices, with
the findings a person would be blocked by (impact serious or critical) said readably.

axe.min.js comes from the axe-playwright-python package (installed, never from a CDN)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("serious", "critical")
STRUCTURE = ("region", "landmark-one-main", "page-has-heading-one", "heading-order",
             "landmark-unique", "landmark-no-duplicate-contentinfo",
             "landmark-complementary-is-top-level")
"""Structure rules of lesser impact that this app keeps at zero all the same: every screen
has landmarks, one main, one h1 and headings in order."""


@dataclass(frozen=True)
class Finding:
    """One rule broken by one element."""

    rule: str
    impact: str
    target: str
    summary: str

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}) at {self.target}: {self.summary}"


def _script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now (every impact)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_script())
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("(o) => axe.run(document, o).then(r => r.violations)", options)


def findings(page: Any, *, also: tuple[str, ...] = STRUCTURE) -> list[Finding]:
    """Violations of impact serious or critical, and any of the rules in `also`, one per
    element, each with its rule, impact, element and what is wrong."""
    out = []
    for v in run_axe(page):
        if v.get("impact") not in BLOCKING and v["id"] not in also:
            continue
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = node.get("failureSummary") or v.get("help", "")
            out.append(Finding(v["id"], str(v.get("impact")), target,
                               " ".join(summary.split())[:300]))
    return out


def report(screen: str, found: list[Finding]) -> str:
    """The findings of one screen, one per line, for an assertion message."""
    return "\n".join([f"{screen}: {len(found)} axe finding(s)", *(f"  {f}" for f in found)])

"""What a page shows that a person would trip over: sideways scrolling, content cut off, a
word broken over two lines, tap targets too small, and where the keyboard focus is (ringed?
under a fixed bar?)."""

from __future__ import annotations

from typing import Any

_LAYOUT = """() => {
  const doc = document.documentElement, out = [];
  if (doc.scrollWidth > doc.clientWidth) {
    out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  }
  const name = (el) => {
    const cls = [...el.classList].filter(c => c.startsWith("ws-")).join(".");
    return `${el.tagName.toLowerCase()}.${cls} "${(el.textContent || "").trim().slice(0, 30)}"`;
  };
  // A table's own scroll box, which the keyboard reaches (role=region, tabindex=0): what is
  // inside is scrolled to, not cut off.
  const scrolls = (el) => {
    const cs = getComputedStyle(el);
    return ["auto", "scroll"].includes(cs.overflowX) && el.tabIndex >= 0
      && el.getAttribute("role") === "region";
  };
  for (const el of document.querySelectorAll(".ws-app *")) {
    if (!el.getClientRects().length || el.closest(".ws-map-live")) continue;
    const box = el.parentElement && el.parentElement.closest("[role=region]");
    if (box && scrolls(box)) continue;
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > doc.clientWidth + 1 || r.left < -1) {
      out.push(`off the screen: ${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}`);
    } else if (cs.overflowX !== "visible" && el.tagName !== "svg"
               && el.scrollWidth > el.clientWidth + 1 && !scrolls(el)) {
      out.push(`cut off: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
    } else if (!["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) && !el.closest("svg")
               && (el.textContent || "").trim() && el.clientHeight > 0
               && el.scrollHeight > el.clientHeight + 2 && !scrolls(el)) {
      // words taller than their box: cut off (hidden) or drawn under what comes next
      out.push(`${cs.overflowY === "visible" ? "spills out below" : "cut off below"}: `
               + `${name(el)} ${el.scrollHeight} > ${el.clientHeight}`);
    }
  }
  // A word split over two lines ("1" above "0" on a button labelled 10) reads as two words.
  for (const el of document.querySelectorAll(".ws-app button, .ws-app label")) {
    if (!el.getClientRects().length) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                        .map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(`word broken over lines: ${name(el)} "${m[0]}"`);
      }
    }
  }
  return out;
}"""

_SMALL = """(min) => [...document.querySelectorAll(".ws-app button")]
  .filter(b => b.getClientRects().length)
  .map(b => [b, b.getBoundingClientRect()])
  .filter(([b, r]) => r.width < min - 0.5 || r.height < min - 0.5)
  .map(([b, r]) => {
    const name = (b.textContent || b.getAttribute("aria-label") || "").trim().slice(0, 30);
    return `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`;
  })"""

_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (!el.dataset.wsKey) el.dataset.wsKey = String((window.wsKeys = (window.wsKeys || 0) + 1));
  const cs = getComputedStyle(el), r = el.getBoundingClientRect();
  const bar = document.querySelector(".ws-bar, .ws-consent-buttons");
  const shown = bar && bar.getClientRects().length;
  const barTop = shown ? bar.getBoundingClientRect().top : innerHeight;
  return {
    key: el.dataset.wsKey, tag: el.tagName, type: el.type || null,
    text: (el.textContent || el.value || "").trim().slice(0, 40),
    html: el.outerHTML.slice(0, 200), outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
    // Inside a date box Chrome marks the month, day or year being typed by itself.
    ring: (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2)
          || el.type === "date",
    hidden: !(bar && bar.contains(el)) && r.top >= barTop - 1,
  };
}"""


def layout_problems(page: Any, size: dict[str, int]) -> list[str]:
    """What does not fit at `size` (the page goes back to its own size after)."""
    own = page.viewport_size
    page.set_viewport_size(size)
    page.wait_for_timeout(150)
    try:
        return page.evaluate(_LAYOUT)
    finally:
        page.set_viewport_size(own)


def small_targets(page: Any, least: int = 44) -> list[str]:
    """The app's visible buttons narrower or shorter than `least` CSS px."""
    return page.evaluate(_SMALL, least)


def focus(page: Any) -> dict[str, Any] | None:
    """The focused element: a key that stays with it, its tag, type and words, whether it
    shows a focus ring of 2 px or more, and whether it is hidden under the fixed bar."""
    return page.evaluate(_FOCUS)

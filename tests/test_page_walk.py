"""Every page as a reader meets it, in real Chromium, in one walk per
screen size (each page takes seconds to settle, so one walk checks all of
it): nothing wider than its place, no word broken over two lines, no chart
label cut off, at 1024x768 and 1440x900; at 1440 no English from
Streamlit's own parts, zero serious or critical axe-core violations in the
app's own markup (Streamlit's sidebar navigation is excluded, see the
Toegankelijkheidsverklaring) and no request to another host. And the menus
Streamlit opens itself speak Dutch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, browser, open_page, server  # noqa: F401

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium ontbreekt")

# Every page of the app, from its files (the overview is the root).
PAGES = sorted("" if p.stem == "overzicht" else p.stem
               for p in (Path(__file__).resolve().parent.parent / "pages").glob("*.py"))

# Measured in the DOM of the main area: an element wider than its parent or
# scrolling sideways; a word broken over two lines (a break after a hyphen
# is a normal break); a chart label outside its chart.
MEASURE = r"""() => {
  const out = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const name = el => (el.getAttribute('data-testid') || el.className.toString().split(' ')[0] || el.tagName) + ':' + (el.innerText || el.textContent || '').trim().slice(0, 40).replace(/\s+/g, ' ');
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // 1. elements wider than their container (content cut or pushed out)
  for (const el of main.querySelectorAll('*')) {
    if (el.closest('svg') || !visible(el)) continue;
    // native inputs Streamlit keeps for screen readers in a 1 px box, on purpose
    if (el.tagName === 'INPUT' && ['radio', 'checkbox', 'range'].includes(el.type)) continue;
    if (el.getBoundingClientRect().width <= 2) continue;
    const cs = getComputedStyle(el);
    if (['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 2
        && !el.closest('[data-testid="stDataFrame"]') && cs.textOverflow !== 'ellipsis') {
      out.push('overflow ' + name(el) + ` ${el.scrollWidth}>${el.clientWidth}`);
    }
    const p = el.parentElement;
    if (p && p !== main && visible(p) && getComputedStyle(p).display !== 'inline') {
      const r = el.getBoundingClientRect(), q = p.getBoundingClientRect();
      if (r.right > q.right + 2 && cs.position !== 'absolute' && cs.position !== 'fixed' && !el.closest('[data-testid="stDataFrame"]'))
        out.push('outside ' + name(el) + ` ${Math.round(r.right)}>${Math.round(q.right)}`);
    }
  }
  // 2. a word broken over two lines, or a text wider than its box
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const host = n.parentElement;
    if (!host || host.closest('svg') || host.closest('[data-testid="stDataFrame"]') || !visible(host)) continue;
    const text = n.textContent;
    const box = host.getBoundingClientRect();
    const re = /[^\s\-\u2013]+[\-\u2013]?/g; let m;
    while ((m = re.exec(text))) {
      const range = document.createRange();
      range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const tops = new Set(rects.map(r => Math.round(r.top)));
      if (tops.size > 1) out.push('broken word "' + m[0] + '" in ' + name(host));
      for (const r of rects) if (r.right > box.right + 2 && getComputedStyle(host).overflowX !== 'visible') out.push('text wider "' + m[0] + '" in ' + name(host));
    }
  }
  // 3. chart text cut off at the edge of its chart
  for (const svg of main.querySelectorAll('.js-plotly-plot .main-svg:first-of-type')) {
    const s = svg.getBoundingClientRect();
    if (!s.width || !s.height || svg.closest('[hidden]')) continue;  // a closed tab
    for (const t of svg.parentElement.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.width && (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1))
        out.push('chart text cut "' + t.textContent.slice(0, 30) + '"');
    }
  }
  return [...new Set(out)];
}
"""


# English words Streamlit writes in its own parts (and none of them Dutch):
# a page's text and its labels for screen readers must have none of them.
ENGLISH = sorted(set("""select all matches help collapse expand sidebar print record screencast
made with search clear close choose option options fullscreen show hide
columns column running stop deploy rerun settings copy press enter apply drag browse files
loading error connection please wait results about theme light dark cancel reset sort
ascending descending remove delete edit clipboard increment decrement statistics automatic
average stopping row rows true false null nan none undefined""".split()))
ENGLISH_SCAN = r"""(words) => {
  const out = new Set();
  const check = (s, where) => { for (const w of (s || '').toLowerCase().match(/[a-z]+/g) || [])
    if (words.includes(w)) out.add(`${where} [${w}]: ${s.trim().slice(0, 60)}`); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const el = n.parentElement;
    // icon ligatures ("expand_more") are hidden from screen readers and drawn as icons;
    // English the page marks as English (lang=en) is quoted, not spoken to the user
    if (!el || el.closest('script,style,noscript,[aria-hidden=true],[lang=en]')) continue;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width || r.height) check(n.textContent, 'tekst');
  }
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) check(el.getAttribute(a), a);
  return [...out];
}"""
# What the Toegankelijkheidsverklaring says stays English (it must say so)
STILL_ENGLISH = ["Connection error"]


AXE_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("width,height", [(1024, 768), (1440, 900)])
def test_every_page_reads_cleanly(server, browser, width, height):  # noqa: F811
    """Every page fits the screen and (at 1440) speaks Dutch, has no serious
    or critical WCAG 2.1 AA violation (axe-core) and asks nothing of another
    host: one walk for all of it, as each page takes seconds to settle."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    found, violations = {}, {}
    for path in PAGES:
        open_page(page, f"{server}/{path}")
        if width == 1440:
            res = axe.run(page, context={"exclude": [["[data-testid='stSidebarNav']"]]},
                          options=AXE_OPTIONS)
            bad = [(v["id"], v["nodes"][0]["target"]) for v in res.response["violations"]
                   if v["impact"] in ("serious", "critical")]
            if bad:
                violations[path or "/"] = bad
            page.wait_for_function("document.documentElement.lang === 'nl'", timeout=10_000)
        # the tables behind the charts too, as a reader opens them
        page.evaluate("document.querySelectorAll('[data-testid=stMain] details')"
                      ".forEach(d => d.open = true)")
        page.wait_for_timeout(800)
        problems = page.evaluate(MEASURE)
        if width == 1440:
            problems += page.evaluate(ENGLISH_SCAN, ENGLISH)
        if problems:
            found[path or "/"] = problems[:8]
    ctx.close()
    assert not found, found
    assert not violations, violations
    outside = [u for u in requests if not u.startswith(server) and not u.startswith("data:")]
    assert not outside, outside


def test_streamlits_own_menus_speak_dutch(server, browser):  # noqa: F811
    """The menus Streamlit opens itself (a table's column list and its
    tooltips) are put in Dutch; what cannot be is named in the
    Toegankelijkheidsverklaring."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    open_page(page, f"{server}/databronnen")
    table = page.locator("[data-testid=stDataFrame]").first
    table.scroll_into_view_if_needed()
    table.hover()
    page.wait_for_timeout(400)
    button = page.locator("[data-testid=stElementToolbar] button").first
    assert button.get_attribute("aria-label") == "Kolommen tonen of verbergen"
    button.click(force=True)
    page.wait_for_selector("[data-testid=stDataFrameColumnVisibilityMenu]", timeout=10_000)
    page.wait_for_timeout(300)
    menu = page.locator("[data-testid=stDataFrameColumnVisibilityMenu]").inner_text()
    assert "Alles kiezen" in menu and "Select all" not in menu, menu
    assert not page.evaluate(ENGLISH_SCAN, ENGLISH)
    ctx.close()
    statement = (Path(__file__).resolve().parent.parent / "pages" / "toegankelijkheid.py"
                 ).read_text(encoding="utf-8")
    assert all(phrase in statement for phrase in STILL_ENGLISH)

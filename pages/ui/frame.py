"""The frame around every page: navigation, the store-missing notice, the
demo banner, the status legend and the page styles."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from monitor import presentation as pres
from pages.ui import data
from pages.ui import nav
from pages.ui.nav import navigation_pages  # noqa: F401  (where pages look for it)

VIA_APP = "_im_via_app"
_RERUN = "_im_page_rerun"
ROOT = Path(__file__).resolve().parents[2]
# Served by Streamlit itself. A :material/…: icon as favicon (the page config's,
# or a page's when no page config came first) is fetched from fonts.gstatic.com.
FAVICON = Path(__file__).resolve().parent / "favicon.png"


def render_store_missing(db: Path) -> None:
    st.title("Integratiemonitor")
    st.error("Er zijn nog geen gegevens geladen.", icon=":material/database:")
    st.markdown(
        f"De monitor leest de opslag **{db}**, maar dat bestand bestaat nog niet. "
        "Bouw eerst de opslag op. Voor de synthetische demodata:"
    )
    st.code("python -m etl demo data/demo_drop\n"
            "python -m etl load data/demo_drop --db data/monitor.duckdb", language="bash")
    st.markdown("Voor een echte levering: `python -m etl load LEVERINGSMAP --db data/monitor.duckdb`. "
                "Daarna deze pagina vernieuwen; herstarten is niet nodig.")


def is_demo() -> bool:
    info = data.current_load_info()
    return bool(info and info.get("is_demo"))


def render_demo_banner() -> None:
    if is_demo():
        st.warning(
            "**Demodata** – dit zijn synthetische gegevens, bedoeld om de monitor te laten zien. "
            "De cijfers gaan niet over echte inwoners en zijn niet geschikt voor besluitvorming.",
            icon=":material/science:",
        )


def render_print_header(title: str, details: str | None) -> None:
    """A line on paper only, above every page: what, on which peildatum,
    for which filters, and the demo notice."""
    demo = (" · <strong>Demodata: synthetische gegevens, niet over echte inwoners en niet "
            "geschikt voor besluitvorming.</strong>") if is_demo() else ""
    st.markdown(f"<div class='im-print-only im-print-header'>Integratiemonitor · "
                f"{html.escape(title)}{' · ' + html.escape(details) if details else ''}{demo}"
                "</div>", unsafe_allow_html=True)


def status_badge(s: pres.Status) -> str:
    return (f"<span class='im-badge' style='color:{s.colour};background:{s.background};"
            f"border:1px solid {s.colour}'>{s.symbol} {s.label}</span>")


# The statuses a reader meets most; the rest are explained on demand.
KEY_STATUSES = (pres.ON_TRACK, pres.ATTENTION, pres.OFF_TRACK, pres.BETTER, pres.WORSE)
ALL_STATUSES = (pres.ON_TRACK, pres.ATTENTION, pres.OFF_TRACK, pres.BETTER, pres.WORSE,
                pres.SAME, pres.HIGHER_NEUTRAL, pres.LOWER_NEUTRAL, pres.NO_CLEAR_CHANGE,
                pres.NO_COMPARISON, pres.RUNNING, pres.UNKNOWN)


def render_status_legend() -> None:
    """A one-line key above the figures; every status a tile can carry,
    with its explanation, one click away (and on paper)."""
    key = " ".join(status_badge(s) for s in KEY_STATUSES)
    items = "".join(
        f"<li class='im-legend-item'>{status_badge(s)}"
        f"<span class='im-legend-text'>{s.explanation}</span></li>"
        for s in ALL_STATUSES)
    with st.container(horizontal=True, key="im_legend", vertical_alignment="center",
                      gap="small"):
        st.markdown(f"<div class='im-legend im-legend-key'>{key}</div>", unsafe_allow_html=True,
                    width="content")
        with st.popover("Alle statussen uitgelegd", icon=":material/help:", width="content"):
            st.markdown(f"<ul class='im-legend im-legend-full'>{items}</ul>",
                        unsafe_allow_html=True)


CSS = """
<style>
.im-badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:0.8rem;
  font-weight:600;white-space:nowrap}
.im-legend{display:flex;flex-wrap:wrap;gap:4px 6px;align-items:center;margin:0}
.im-legend-full{flex-direction:column;align-items:flex-start;padding:0;list-style:none;gap:6px}
.im-legend-item{display:flex;align-items:center;gap:8px;margin:0}
.im-legend-text{font-size:0.85rem;color:#333}
/* the first screen is for figures: less empty space above the page */
.block-container, [data-testid="stMainBlockContainer"]{padding-top:3.2rem !important}
.im-ind-name, .im-domain, .im-sentence, .im-ind-norm{overflow-wrap:normal;word-break:normal;
  hyphens:manual}
.im-ind-value{white-space:nowrap}
h1{padding-top:.25rem !important}
/* tables wrap their headers and cells instead of running past a narrow column */
[data-testid="stTable"] table{width:100% !important;table-layout:auto}
[data-testid="stTable"] th, [data-testid="stTable"] td{white-space:normal !important;
  overflow-wrap:normal;word-break:normal;min-width:0 !important}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *{white-space:normal !important;
  font-size:clamp(1.25rem, 2.2vw, 2.25rem)}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *{white-space:normal !important;
  min-width:0}
[data-testid="stMetricLabel"] p{overflow:visible !important;text-overflow:clip !important}
/* a budget slider writes its value as "€ 15000"; the field beside it writes
   "15.000", the way every amount on the page is written: only that one shows */
.st-key-begroting_invoer [data-testid="stSliderThumbValue"],
.st-key-begroting_invoer [data-testid="stSliderTickBar"]{display:none !important}
/* tab rows wrap rather than scroll sideways */
[data-baseweb="tab-list"], [role="tablist"]{flex-wrap:wrap !important}
/* five domains side by side need room; on a laptop they wrap, three or two to a row */
@media (max-width: 1400px) {
  .st-key-im_tiles_1 > [data-testid="stHorizontalBlock"], [class*="st-key-im_tiles_"] [data-testid="stHorizontalBlock"]{
    flex-wrap:wrap !important}
  [class*="st-key-im_tiles_"] [data-testid="stColumn"]{min-width:calc(33% - 1rem) !important;
    flex:1 1 calc(33% - 1rem) !important}
}
/* a cluster of one domain: its tile (indicators side by side) takes the whole row on a laptop */
@media (max-width: 1400px) {
  [class*="st-key-im_single_"] [data-testid="stHorizontalBlock"]{flex-wrap:wrap !important}
  [class*="st-key-im_single_"] [data-testid="stColumn"]{min-width:100% !important;
    flex:1 1 100% !important}
  [class*="st-key-im_single_"] [class*="st-key-im_side_"] [data-testid="stHorizontalBlock"]{
    flex-wrap:nowrap !important}
  [class*="st-key-im_single_"] [class*="st-key-im_side_"] [data-testid="stColumn"]{
    min-width:0 !important;flex:1 1 0 !important}
}
/* a row of choices: each at least wide enough to show its value */
[class*="st-key-im_wrap_"] [data-testid="stHorizontalBlock"]{flex-wrap:wrap !important}
[class*="st-key-im_wrap_"] [data-testid="stColumn"]{min-width:220px !important}
/* a table of many columns: smaller type on a laptop, so no column runs off */
@media (max-width: 1200px) {
  [data-testid="stTable"] th, [data-testid="stTable"] td{font-size:.72rem !important;
    padding:.25rem .3rem !important}
}
@media (max-width: 1500px) {
  [class*="st-key-im_pair_"] [data-testid="stTable"] th,
  [class*="st-key-im_pair_"] [data-testid="stTable"] td{font-size:.72rem !important;
    padding:.25rem .3rem !important}
}
/* a chart beside a table or a chart: one under the other on a laptop */
@media (max-width: 1280px) {
  [class*="st-key-im_pair_"] [data-testid="stHorizontalBlock"]{flex-wrap:wrap !important}
  [class*="st-key-im_pair_"] [data-testid="stColumn"]{min-width:100% !important;
    flex:1 1 100% !important}
}
@media (max-width: 1100px) {
  [class*="st-key-im_tiles_"] [data-testid="stColumn"]{min-width:calc(50% - 1rem) !important;
    flex:1 1 calc(50% - 1rem) !important}
}
.im-ind{border-top:1px solid #E5E5E5;padding-top:6px;margin-top:6px}
.im-ind-name{font-size:0.85rem;color:#333;line-height:1.2;min-height:2.1em}
.im-ind-value{font-size:1.55rem;font-weight:700;line-height:1.2}
.im-ind-norm{font-size:0.78rem;color:#555}
.im-sentence{font-size:0.8rem;color:#333;margin-top:2px}
.im-cluster{font-size:1.05rem;font-weight:700;margin:10px 0 2px;padding:4px 8px;
  background:#F3F6F9;border-left:4px solid #0072B2}
.im-domain{font-weight:700;font-size:0.95rem}
.im-conclusion{font-size:0.9rem;color:#222;margin:2px 0 4px}
.st-key-im_lang{display:none}
/* Streamlit's caption grey is 3.9:1 on white; AA asks 4.5:1 */
[data-testid="stCaptionContainer"]{color:#555 !important;opacity:1 !important}
/* a clearly visible keyboard focus (WCAG 2.4.7) */
:focus-visible{outline:3px solid #0B5FA5 !important;outline-offset:2px !important}
.im-print-only{display:none}
@media print {
  @page {size: A4 landscape; margin: 10mm}
  html{zoom:0.62}
  .im-print-only{display:block !important}
  .im-print-header{font-size:0.8rem;color:#222;border-bottom:1px solid #999;padding-bottom:4px;
    margin-bottom:4px}
  .im-print-header strong{color:#8A3B00}
  .im-print-signals{font-size:0.85rem;break-inside:avoid}
  .im-print-inputs{font-size:0.85rem}
  table.im-print-table{border-collapse:collapse;margin:4px 0 8px;font-size:0.85rem}
  .im-print-table td, .im-print-table th{border:1px solid #999;padding:2px 6px;text-align:left;
    vertical-align:top}
  .im-print-table tr{break-inside:avoid}
  .im-print-section{margin-top:10px}
  .im-print-section h4{break-after:avoid;margin:6px 0 2px}
  .im-print-caption{font-size:0.8rem;color:#333}
  /* what only works on a screen (the Begroting's input widgets, its tabs with
     their one open panel) gives way to print-only tables (.im-print-only) */
  [class*="st-key-im_screen_only"],
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-im_screen_only"]){display:none !important}
  /* scroll areas print whole, so no text runs over what follows */
  [data-testid="stVerticalBlock"][data-test-scroll-behavior]{height:auto !important;
    max-height:none !important;overflow:visible !important}
  .im-print-signals ul{margin:2px 0 6px 0;padding-left:1rem}
  [data-testid="stPageLink"], .st-key-im_legend [data-testid="stPopover"]{display:none !important}
  /* the tiles stay five to a row, as on a wide screen */
  [class*="st-key-im_tiles_"] [data-testid="stHorizontalBlock"]{flex-wrap:nowrap !important}
  [class*="st-key-im_tiles_"] [data-testid="stColumn"]{min-width:0 !important;
    flex:1 1 0 !important}
  [class*="st-key-im_pair_"] [data-testid="stHorizontalBlock"]{flex-wrap:nowrap !important}
  [class*="st-key-im_pair_"] [data-testid="stColumn"]{min-width:0 !important;
    flex:1 1 0 !important}
  [data-testid="stVerticalBlockBorderWrapper"], .st-key-im_signals ~ *{break-inside:avoid}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stBaseButton-secondary"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stPopover"],
  [data-testid="stExpander"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"],
  [data-testid="stSegmentedControl"], [data-testid="stRadio"], [data-testid="stToggle"],
  .stDeployButton {display:none !important}
  [data-testid="stAppViewContainer"], [data-testid="stMain"], .block-container,
  [data-testid="stMainBlockContainer"] {padding:0 !important;margin:0 !important;
    max-width:100% !important;overflow:visible !important}
  .stPlotlyChart, [data-testid="stPlotlyChart"], [data-testid="stVerticalBlockBorderWrapper"],
  [data-testid="stTable"], .im-ind, .im-legend {break-inside:avoid;page-break-inside:avoid}
  h1, h2, h3, .im-cluster {break-after:avoid;page-break-after:avoid}
  /* keep columns side by side on paper, as on the screen */
  [data-testid="stHorizontalBlock"] {display:flex !important;flex-wrap:nowrap !important;
    flex-direction:row !important}
  [data-testid="stColumn"] {min-width:0 !important;width:auto !important;flex:1 1 0 !important}
  body {-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
</style>
"""

# Streamlit writes <html lang="en"> and offers no setting for it; the page
# is Dutch (WCAG 3.1.1), so the language is set, and kept, from a script.
LANG_JS = """
<script>
(function () {
  var root = document.documentElement;
  if (root.lang !== 'nl') root.lang = 'nl';
  if (window.__imLang) return;
  window.__imLang = new MutationObserver(function () {
    if (root.lang !== 'nl') root.lang = 'nl';
  });
  window.__imLang.observe(root, {attributes: true, attributeFilter: ['lang']});
  // a container of fixed height scrolls; keyboard users must be able to reach it (WCAG 2.1.1)
  var pending = false;
  function focusable() {
    pending = false;
    document.querySelectorAll('[data-test-scroll-behavior]').forEach(function (el) {
      if (el.scrollHeight > el.clientHeight && !el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '0');
      }
    });
  }
  // Streamlit writes some labels for screen readers in English and offers no
  // setting for them: they are put in Dutch where they appear.
  var NL = {'Collapse sidebar': 'Zijbalk inklappen', 'Expand sidebar': 'Zijbalk uitklappen',
            'Clear all': 'Alles wissen', 'Open': 'Openen', 'Close': 'Sluiten', 'Help': 'Uitleg',
            'Choose an option': 'Kies een optie', 'Choose options': 'Kies opties',
            'Clear value': 'Waarde wissen', 'Fullscreen': 'Volledig scherm',
            'Close fullscreen': 'Volledig scherm sluiten', 'Download as CSV': 'Downloaden als CSV',
            'Search': 'Zoeken', 'Delete': 'Verwijderen', 'Remove': 'Verwijderen',
            'Sidebar': 'Zijbalk', 'App pages': "Pagina's", 'Link to heading': 'Link naar deze kop',
            'Main menu': 'Menu', 'Show/hide columns': 'Kolommen tonen of verbergen',
            'Sort ascending': 'Oplopend sorteren', 'Sort descending': 'Aflopend sorteren',
            'Pin column': 'Kolom vastzetten', 'Unpin column': 'Kolom losmaken',
            'Hide column': 'Kolom verbergen', 'Autosize': 'Breedte aanpassen',
            'Format': 'Opmaak', 'Copy': 'Kopiëren', 'Copied!': 'Gekopieerd',
            'No results': 'Geen resultaten', 'No options to select': 'Geen keuzes',
            'Running...': 'Bezig…', 'Stop': 'Stoppen', 'Select all': 'Alles kiezen',
            'Statistics': 'Statistieken', 'Copy column name': 'Kolomnaam kopiëren',
            'Loading...': 'Laden…', 'Stopping...': 'Stoppen…', '(index)': '(rijnummer)',
            // the column menu's number formats and statistics
            'Automatic': 'Automatisch', 'Localized': 'Volgens taalinstelling',
            'Plain': 'Zonder opmaak', 'Compact': 'Compact', 'Percent': 'Procent',
            'Accounting': 'Boekhouding', 'Scientific': 'Wetenschappelijk',
            'Calendar': 'Kalender', 'Distance': 'Afstand', 'Duration': 'Duur',
            'Average': 'Gemiddelde', 'Median': 'Mediaan', 'Sum': 'Som',
            'Distinct': 'Verschillende', 'Empty': 'Leeg', 'Values': 'Waarden',
            'Standard deviation': 'Standaardafwijking', 'Range': 'Spreiding',
            'Average length': 'Gemiddelde lengte', 'Maximum length': 'Langste',
            'Minimum length': 'Kortste', 'Increment': 'Verhogen', 'Decrement': 'Verlagen'};
  // the same words as text in Streamlit's tooltips, menus and the status line
  var TEXT_PARTS = '[data-testid="stTooltipContent"], [role="tooltip"], [role="menu"], ' +
                   '[data-baseweb="popover"], [data-testid="stStatusWidget"], ' +
                   '[data-testid="stDataFrameColumnMenu"], ' +
                   '[data-testid="stDataFrameColumnVisibilityMenu"]';
  function dutchText(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), n;
    while ((n = walker.nextNode())) {
      var v = n.nodeValue.trim(), t = NL[v];
      if (t && t !== v) n.nodeValue = n.nodeValue.replace(v, t);
    }
  }
  function dutch(el) {
    ['aria-label', 'title', 'placeholder'].forEach(function (attr) {
      var v = el.getAttribute(attr);
      if (!v) return;
      var t = NL[v] || (v.indexOf('Help for ') === 0 ? 'Uitleg bij ' + v.slice(9) : null);
      if (t && t !== v) el.setAttribute(attr, t);
    });
  }
  function translate() {
    document.querySelectorAll('[aria-label], [title], input[placeholder]').forEach(dutch);
    document.querySelectorAll(TEXT_PARTS).forEach(dutchText);
  }
  new MutationObserver(function () {
    if (!pending) { pending = true; requestAnimationFrame(function () { focusable(); translate(); }); }
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                             attributeFilter: ['aria-label', 'title', 'placeholder']});
  focusable();
  translate();
})();
</script>
"""


def inject_css() -> None:
    st.markdown(CSS, unsafe_allow_html=True)
    with st.container(key="im_lang", height=1, border=False):
        st.html(LANG_JS, unsafe_allow_javascript=True)


def app_run_started() -> None:
    """app.py is running this request: a page's pending rerun got here."""
    st.session_state.pop(_RERUN, None)


def page_start() -> None:
    """First call of every page. Normally app.py has drawn the frame already.
    Because the page files live in a folder named pages/, Streamlit runs the
    first request of a fresh server process in its legacy pages-folder mode,
    which runs a page file directly, without app.py. Then register the real
    navigation (which ends that mode for the process) and rerun, so app.py
    draws the page as usual: a copied deep link works after a restart too."""
    if not st.session_state.get(VIA_APP) and not st.session_state.get(_RERUN):
        st.session_state[_RERUN] = True
        st.set_page_config(page_icon=str(FAVICON))
        nav.register(position="hidden")
        st.rerun()
    # Still not via app.py after the rerun: the page file itself is the main
    # script (a test of one page); it renders without the frame.
    st.session_state.pop(_RERUN, None)
    inject_css()

"""Presentation mode (`?presentatie=1`): the basket one chart per screen,
large, without sidebar or controls, stepped through with the keyboard as a
presenter's clicker sends it (arrow keys, PageDown/PageUp).

The arrow keys are Streamlit's own button shortcuts. PageDown/PageUp are
not among the keys Streamlit accepts for a shortcut, so a small script maps
them onto the same two buttons."""

from __future__ import annotations

import copy

import plotly.graph_objects as go
import streamlit as st

from monitor import basket as bk
from monitor import deck, exports
from monitor import formatting as fmt
from monitor.escaping import html_text, markdown_table
from pages.ui import basket, frame
from pages.ui.filters import current_filters, filter_summary

PARAM = "presentatie"
SLIDE = "dia"

# One screen, no scrolling, on any projector: the main column is exactly the
# viewport high, the chart takes what title, source line and the bottom bar
# leave (a flex item that may shrink), and text scales with the viewport.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stExpandSidebarButton"] {display:none !important}
html, body, [data-testid="stAppViewContainer"], [data-testid="stMain"] {overflow:hidden !important}
.block-container, [data-testid="stMainBlockContainer"]{padding:1.2vh 2.5vw 0 !important;
  max-width:100% !important;height:100vh !important;box-sizing:border-box}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]{height:98vh;
  gap:.6vh !important;flex-wrap:nowrap !important}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > *{flex-shrink:0}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] >
  [data-testid="stLayoutWrapper"]:has(> .st-key-im_dia_body){flex:1 1 0 !important;
  min-height:0 !important;overflow:hidden}
.st-key-im_dia_body{height:100% !important;min-height:0 !important;overflow:hidden}
.st-key-im_dia_body > [data-testid="stElementContainer"]{height:100% !important}
.st-key-im_dia_body [data-testid="stPlotlyChart"], .st-key-im_dia_body .stPlotlyChart{
  height:100% !important}
.st-key-im_dia_body table td, .st-key-im_dia_body table th{
  font-size:clamp(1.15rem, 3vh, 2rem) !important;padding:.3em .6em !important;color:#222 !important}
.im-slide-title{font-size:clamp(1.5rem, min(3vw, 5.6vh), 3.4rem) !important;font-weight:700;
  line-height:1.15;margin:0 !important;padding:0 0 .4rem !important}
/* Streamlit pulls every markdown block 1rem up into the next element;
   on one fixed screen that made the chart cover the title's last line */
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"]{margin-bottom:0 !important}
.im-slide-caption{font-size:clamp(.95rem, 2.3vh, 1.6rem);color:#333;line-height:1.25}
.im-slide-demo{font-size:clamp(.95rem, 2.3vh, 1.6rem);color:#8A3B00;font-weight:700;line-height:1.25}
.im-slide-count{font-size:clamp(.95rem, 2.3vh, 1.6rem);color:#333;white-space:nowrap}
.st-key-im_dia_bar{flex-wrap:nowrap !important;align-items:center}
.st-key-im_dia_bar .stMarkdown{min-width:0}
.st-key-im_dia_bar button{min-height:2rem;padding:.1rem .6rem}
</style>
"""

# PageDown/PageUp (a clicker) press the same buttons as the arrow keys.
KEYS_JS = """
<script>
(function () {
  if (window.__imPresentKeys) return;
  window.__imPresentKeys = true;
  document.addEventListener('keydown', function (e) {
    var map = {PageDown: 'next', PageUp: 'prev'};
    var which = map[e.key];
    if (!which) return;
    var b = document.querySelector('.st-key-im_dia_' + which + ' button');
    if (b) { e.preventDefault(); b.click(); }
  });
})();
</script>
"""


def active() -> bool:
    return st.query_params.get(PARAM) == "1"


def start() -> None:
    st.query_params[PARAM] = "1"
    st.query_params[SLIDE] = "1"


def _stop() -> None:
    for p in (PARAM, SLIDE):
        if p in st.query_params:
            del st.query_params[p]


def _go(step: int, count: int) -> None:
    i = _index(count) + step
    st.query_params[SLIDE] = str(max(1, min(count, i + 1)))


def _index(count: int) -> int:
    try:
        i = int(st.query_params.get(SLIDE, "1")) - 1
    except ValueError:
        i = 0
    return max(0, min(count - 1, i))


def _big(fig: go.Figure) -> go.Figure:
    """The figure at projector size: it fills the height the screen leaves
    (no fixed height), with text far larger than on the page, and margins
    that grow to fit the axis labels instead of clipping them."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    out.update_layout(height=None, autosize=True, font=dict(size=22),
                      margin=dict(l=10, r=30, t=50, b=10), legend=dict(font=dict(size=20)))
    out.update_xaxes(tickfont=dict(size=20), title_font=dict(size=20), automargin=True)
    out.update_yaxes(tickfont=dict(size=20), title_font=dict(size=20), automargin=True)
    out.update_traces(textfont_size=20, selector=dict(type="bar"))
    # names at points (the funnel's gemeenten) as large as the bars' values
    out.update_traces(textfont_size=20, selector=lambda t: t.type == "scatter"
                      and "text" in (t.mode or ""))
    out.update_annotations(font_size=18)
    return out


def run() -> None:
    """The whole screen in presentation mode (instead of the page)."""
    frame.inject_css()
    st.markdown(CSS, unsafe_allow_html=True)
    st.html(KEYS_JS, unsafe_allow_javascript=True)
    f = current_filters()
    keys = basket.keys()
    charts, missing = bk.rebuild_all(keys, basket.source(), f)
    charts = deck.slides_of(charts)  # a step per slide of the deck
    count = len(charts)
    if not charts:
        st.markdown("<h1 class='im-slide-title'>De presentatie is leeg</h1>",
                    unsafe_allow_html=True)
        st.markdown("Voeg grafieken toe met **Aan presentatie toevoegen** onder een grafiek, en "
                    "open dan de Raadspresentatie.")
        _bar(0, 0, f, missing)
        return
    i = _index(count)
    c = charts[i]
    st.markdown(f"<h1 class='im-slide-title'>{html_text(c.conclusion)}</h1>", unsafe_allow_html=True)
    with st.container(key="im_dia_body", height="stretch"):
        if isinstance(c, deck.TableSlide):
            # as large as the rows allow: all of them on the screen
            size = min(3.0, 52 / (len(c.table) + 1) / 1.9)
            st.markdown(f"<style>.st-key-im_dia_body table td, .st-key-im_dia_body table th"
                        f"{{font-size:max(1rem, {size:.2f}vh) !important}}</style>",
                        unsafe_allow_html=True)
            st.table(markdown_table(c.table), hide_index=True)
        else:
            st.plotly_chart(_big(c.figure), width="stretch", height="stretch", theme=None,
                            config={"displayModeBar": False, "staticPlot": True,
                                    "responsive": True},
                            key=f"im_dia_chart_{i}")
    caption = c.caption if not isinstance(c, deck.TableSlide) else (
        f"Bron: {c.source} · peildatum {fmt.date_nl(c.peildatum)}")
    st.markdown(f"<div class='im-slide-caption'>{html_text(caption)} · "
                f"{html_text(filter_summary(f))}</div>",
                unsafe_allow_html=True)
    _bar(i, count, f, missing)


def _bar(i: int, count: int, f, missing) -> None:
    """The bottom line: demo notice, the counter and the (small) buttons."""
    with st.container(horizontal=True, key="im_dia_bar", vertical_alignment="center",
                      gap="small"):
        demo = (f"<div class='im-slide-demo'>{exports.DEMO_NOTICE}</div>" if frame.is_demo()
                else "<div></div>")
        st.markdown(demo, unsafe_allow_html=True, width="stretch")
        if missing:
            st.markdown(f"<div class='im-slide-caption'>{len(missing)} grafiek(en) uit de link "
                        f"bestaan niet meer · peildatum {fmt.date_nl(f.peildatum)}</div>",
                        unsafe_allow_html=True, width="content")
        if count:
            st.markdown(f"<div class='im-slide-count' data-testid='im-slide-count'>dia {i + 1} "
                        f"van {count}</div>", unsafe_allow_html=True, width="content")
        st.button("Vorige", key="im_dia_prev", on_click=_go, args=(-1, max(count, 1)),
                  shortcut="Left", icon=":material/arrow_back:", disabled=count < 2)
        st.button("Volgende", key="im_dia_next", on_click=_go, args=(1, max(count, 1)),
                  shortcut="Right", icon=":material/arrow_forward:", disabled=count < 2)
        st.button("Sluiten", key="im_dia_stop", on_click=_stop, shortcut="Escape",
                  icon=":material/close:", help="Presentatie sluiten")

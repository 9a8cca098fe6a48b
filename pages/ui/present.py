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

CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stExpandSidebarButton"] {display:none !important}
.block-container, [data-testid="stMainBlockContainer"]{padding:1.2rem 2.5rem 0 !important;
  max-width:100% !important}
.im-slide-title{font-size:2.3rem;font-weight:700;line-height:1.2;margin:0 0 .4rem}
.im-slide-caption{font-size:1.15rem;color:#333}
.im-slide-demo{font-size:1.1rem;color:#8A3B00;font-weight:700}
.im-slide-count{font-size:1.1rem;color:#333;text-align:right}
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
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    out.update_layout(height=560, font=dict(size=20), margin=dict(l=20, r=20, t=50, b=20))
    out.update_xaxes(tickfont=dict(size=18), title_font=dict(size=18))
    out.update_yaxes(tickfont=dict(size=18), title_font=dict(size=18))
    out.update_traces(textfont_size=20, selector=dict(type="bar"))
    return out


def run() -> None:
    """The whole screen in presentation mode (instead of the page)."""
    frame.inject_css()
    st.markdown(CSS, unsafe_allow_html=True)
    st.html(KEYS_JS, unsafe_allow_javascript=True)
    f = current_filters()
    keys = basket.keys()
    charts, missing = bk.rebuild_all(keys, basket.source(), f)
    count = len(charts)
    with st.container(horizontal=True, key="im_dia_bar", vertical_alignment="center"):
        st.button("Vorige", key="im_dia_prev", on_click=_go, args=(-1, max(count, 1)),
                  shortcut="Left", icon=":material/arrow_back:", disabled=count < 2)
        st.button("Volgende", key="im_dia_next", on_click=_go, args=(1, max(count, 1)),
                  shortcut="Right", icon=":material/arrow_forward:", disabled=count < 2)
        st.button("Presentatie sluiten", key="im_dia_stop", on_click=_stop, shortcut="Escape",
                  icon=":material/close:")
    if not charts:
        st.markdown("<p class='im-slide-title'>De presentatie is leeg</p>", unsafe_allow_html=True)
        st.markdown("Voeg grafieken toe met **Aan presentatie toevoegen** onder een grafiek, en "
                    "open dan de Raadspresentatie.")
        return
    i = _index(count)
    c = charts[i]
    st.markdown(f"<h1 class='im-slide-title'>{html_text(c.conclusion)}</h1>", unsafe_allow_html=True)
    if isinstance(c, deck.TableSlide):
        st.table(markdown_table(c.table), hide_index=True)
    else:
        st.plotly_chart(_big(c.figure), width="stretch", theme=None,
                        config={"displayModeBar": False, "staticPlot": True},
                        key=f"im_dia_chart_{i}")
        st.markdown(f"<div class='im-slide-caption'>{html_text(c.caption)} · "
                    f"{html_text(filter_summary(f))}</div>",
                    unsafe_allow_html=True)
    left, right = st.columns([4, 1])
    if frame.is_demo():
        left.markdown(f"<div class='im-slide-demo'>{exports.DEMO_NOTICE}</div>",
                      unsafe_allow_html=True)
    right.markdown(f"<div class='im-slide-count' data-testid='im-slide-count'>dia {i + 1} van "
                   f"{count}</div>", unsafe_allow_html=True)
    if missing:
        st.caption(f"{len(missing)} grafiek(en) uit de link bestaan niet meer en zijn "
                   f"overgeslagen · peildatum {fmt.date_nl(f.peildatum)}")

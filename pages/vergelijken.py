"""Vergelijken: een gemeente naast de regio, alle gemeenten, gemeenten van
dezelfde soort en de meest vergelijkbare gemeenten, met een trechtergrafiek
(funnel plot): wat valt buiten wat toeval verklaart? De statistiek staat in
monitor/compare.py; deze pagina kiest en toont alleen."""

from __future__ import annotations

import streamlit as st

from monitor import compare as cmp
from monitor import formatting as fmt
from monitor.charts import funnel_value_text
from monitor import presentation as pres
from monitor import reference
from monitor.filters import Filters
from pages.ui import data, frame, render
from pages.ui.filters import current_filters, not_applied
from pages.ui.passport import render_passport

DEFAULT_INDICATOR = "werk.duaal_pct"
DEFAULT_GEMEENTE = "GM0935"


def _choices(snap):
    # shares first, then counts per 1.000 inhabitants, then medians
    return cmp.in_page_order(data.catalogue(snap)), data.gemeente_namen(snap)


KIND_SUFFIX = {cmp.SHARE: "", cmp.RATE: " (per 1.000 inwoners)", cmp.MEDIAN: ""}
METHOD = {
    cmp.SHARE: "exacte binomiale 95%- en 99,8%-grenzen rond het percentage van de groep (de "
               "getoonde gemeenten samen)",
    cmp.RATE: "het aantal per 1.000 inwoners (inwoners uit het regiobestand; een gemeente zonder "
              "inwonertal doet niet mee), met exacte Poisson-grenzen rond het aantal per 1.000 "
              "inwoners van de groep (de getoonde gemeenten samen)",
    cmp.MEDIAN: "de mediaan tegen de mediaan van alle personen van de getoonde gemeenten samen; "
                "de grenzen zijn die van een mediaan van evenveel personen uit die verdeling "
                "(ordestatistiek: de mediaan van n personen ligt op het Beta((n+1)/2, "
                "(n+1)/2)-kwantiel van de verdeling; geen aanname over haar vorm). Alleen "
                "gemeenten met een getoonde mediaan (10 of meer personen) doen mee",
}
RANK_METHOD = {cmp.SHARE: "binomiaal over haar personen", cmp.RATE: "Poisson rond haar aantal",
               cmp.MEDIAN: "de mediaan van haar eigen personen opnieuw getrokken"}


def render_weights(features, focal_name: str, n_gemeenten: int):
    """Features and weights, shown and adjustable; returns the features with
    the chosen weights and k."""
    with st.expander("Kenmerken en gewichten van ‘vergelijkbaar’", expanded=False,
                     icon=":material/tune:"):
        st.markdown(
            f"De vergelijkbare gemeenten zijn de gemeenten die op deze kenmerken het dichtst bij "
            f"{focal_name} liggen (elk kenmerk eerst gestandaardiseerd over alle gemeenten, dan "
            "gewogen; een mix telt als één kenmerk). Gewicht 0 laat een kenmerk weg.")
        chosen = []
        cols = st.columns(2)
        for i, f in enumerate(features):
            with cols[i % 2]:
                w = st.slider(f.label, 0.0, 3.0, float(f.weight), 0.5, key=f"w_{f.key}",
                              help=f"{len(f.columns)} kolom(men): "
                                   + ", ".join(c.split(':')[-1] for c in f.columns[:12])
                                   + ("…" if len(f.columns) > 12 else ""))
            chosen.append(cmp.Feature(f.key, f.label, f.columns, w))
        k_default = cmp.default_k(n_gemeenten)
        k = st.number_input("Aantal vergelijkbare gemeenten (k)", 1, max(1, n_gemeenten - 1),
                            max(1, k_default), key="w_k")
    return chosen, int(k)


def main() -> None:
    frame.page_start()
    f = current_filters()
    snap = data.snapshot()
    st.title("Vergelijken")
    st.markdown(
        "Is een cijfer goed of slecht vergeleken met andere gemeenten? De trechtergrafiek zet elke "
        "gemeente uit tegen haar aantal personen (bij een aantal per 1.000 inwoners: haar "
        "inwoners). Bij weinig personen schommelt een cijfer sterk door toeval; daarom zijn de "
        "grenzen bij kleine gemeenten wijder. Buiten de "
        "99,8%-grens is een gemeente **duidelijk hoger of lager dan verwacht**; daarbinnen ligt zij "
        "**binnen wat toeval verklaart**.")
    ignored = not_applied(f, ())
    if ignored:
        st.info(f"Het filter op {' en '.join(ignored)} geldt niet op deze pagina: de vergelijking "
                "gaat over hele gemeenten.", icon=":material/filter_alt_off:")
    inds, namen = _choices(snap)
    if not inds or len(namen) < 2:
        st.info("Er is niets te vergelijken: de monitor bevat minder dan twee gemeenten.")
        return
    ids = [i.id for i in inds]
    # labelled from the list at hand: a lookup per option through the cache
    # hashed the catalogue ~50 times a run
    labels = {i.id: i.name + KIND_SUFFIX[cmp.kind_of(i)] for i in inds}
    codes = sorted(namen, key=lambda c: namen[c])
    focal_default = (f.gemeenten[0] if len(f.gemeenten) == 1 else
                     DEFAULT_GEMEENTE if DEFAULT_GEMEENTE in namen else codes[0])
    # the choices wrap to a second row on a laptop instead of cutting their text
    c1, c2, c3 = st.container(key="im_wrap_keuze").columns([3, 2, 2])
    with c1:
        ind_id = st.selectbox("Indicator", ids, index=ids.index(DEFAULT_INDICATOR)
                              if DEFAULT_INDICATOR in ids else 0,
                              format_func=labels.get, key="v_ind")
    with c2:
        # keyed on the sidebar's gemeente, so choosing one there makes it the one compared
        focal = st.selectbox("Gemeente", codes, index=codes.index(focal_default),
                             format_func=namen.get, key="v_gem_" + "_".join(f.gemeenten))
    with c3:
        group = st.selectbox("Vergelijken met", cmp.GROUPS, format_func=cmp.GROUP_NAMES.get,
                             key="v_groep")
    ind = data.indicator(snap, ind_id)
    kind = cmp.kind_of(ind)
    p = f.peildatum

    kenmerken = data.get("gemeente_kenmerken")
    features = cmp.default_features(cmp.feature_table(kenmerken, data.get("compare_features", p)))
    k = None
    if group == "vergelijkbaar":
        features, k = render_weights(features, namen[focal], len(kenmerken))
    choice = cmp.Choice(ind_id, focal, group, tuple((ft.key, ft.weight) for ft in features), k)

    head, pop = st.columns([5, 2], vertical_alignment="center")
    with head:
        heading = st.empty()  # the chart's title, once the chart is built
    with pop:
        with st.popover("Paspoort", icon=":material/info:", key="pp_vergelijken", width="stretch"):
            render_passport(ind, p)
            st.markdown(
                f"**Vergelijking:** trechtergrafiek (Spiegelhalter 2005): {METHOD[kind]}. "
                "Overdispersie getoetst met gewinsoriseerde z-scores (χ²); bij overdispersie "
                "additief verbreed. Rang: 95%-interval uit 1.000 trekkingen (parametrische "
                f"bootstrap: elke gemeente {RANK_METHOD[kind]}).  \n"
                + (f"**Verwacht voor deze gemeente:** indirecte standaardisatie naar "
                   f"{cmp.strata_text(ind_id)} (de lagen die de gegevens per gemeente dragen; "
                   "land van herkomst gaat alleen samen met gemeente en peildatum en telt hier "
                   "niet mee)." if kind == cmp.SHARE else
                   "**Verwacht voor deze gemeente:** alleen bij percentages (indirecte "
                   "standaardisatie naar de samenstelling van de inburgeraars)."))
    # the registered chart: what the deck rebuilds from the basket is this funnel
    c = render.registered("vergelijking", choice.key_arg(), key="vergelijken_funnel",
                          f=Filters(peildatum=p))
    if c is None:
        return
    heading.subheader(c.title)
    comp, features, neighbours = c.extra["comparison"], c.extra["features"], c.extra["neighbours"]
    refs = data.get("reference_figures", ind_id, p)
    if comp.focal_point is None:
        st.warning(comp.sentence(), icon=":material/visibility_off:")
    point = comp.focal_point
    m1, m2, m3 = st.columns(3)
    with m1:
        st.metric(f"{namen[focal]} gemeten",
                  funnel_value_text(point["share"], kind, ind.unit) if point else fmt.MISSING,
                  help="Het cijfer zoals overal in de monitor, met dezelfde geheimhouding"
                       + (" (het aantal gedeeld door het aantal inwoners uit het regiobestand)."
                          if kind == cmp.RATE else "."))
    with m2:
        rank = point.get("rang_tekst") if point else None
        st.metric("Rang (95%-interval)", rank or fmt.MISSING,
                  help="Nooit een kale rang: het interval komt uit 1.000 trekkingen met het "
                       "toeval van elke gemeente. 1e = " + ("laagste" if ind.direction ==
                                                            "lager_beter" else "hoogste") + ".")
    with m3:
        e = comp.expected
        st.metric("Verwacht (samenstelling)",
                  pres.fmt_value(100 * e.expected, "pct") if e else fmt.MISSING,
                  help=f"Als elke groep ({comp.strata}) in {namen[focal]} het percentage van "
                       "die groep in de vergelijkingsgroep had.")
    if e is not None:
        st.markdown(
            f"Verwacht op grond van de samenstelling **{pres.fmt_value(100 * e.expected, 'pct')}**, "
            f"gemeten **{pres.fmt_value(100 * e.observed, 'pct')}** (toeval verklaart "
            f"{pres.fmt_value(100 * e.low, 'pct')} tot {pres.fmt_value(100 * e.high, 'pct')}): "
            f"{cmp.VERDICT_TEXT[e.verdict()]}.")
    elif point is not None and kind == cmp.SHARE:
        st.caption("Geen verwachte waarde: deze indicator heeft geen persoonskenmerken om naar "
                   "te standaardiseren (bijvoorbeeld de enquête).")
    elif point is not None:
        st.caption("Geen verwachte waarde: die rekent de monitor alleen voor percentages uit "
                   "(indirecte standaardisatie naar de samenstelling van de inburgeraars).")
    if refs and kind != cmp.RATE:  # a published count is not per 1.000 inhabitants
        st.markdown("**Gepubliceerde cijfers om mee te vergelijken**  \n"
                    + "  \n".join(reference.sentence(r) for r in refs))
    if comp.funnel.dispersion is not None:
        st.caption(comp.funnel.dispersion.text())
    if group == "vergelijkbaar" and neighbours:
        st.markdown("**Vergelijkbare gemeenten:** " + ", ".join(namen.get(c, c) for c in neighbours)
                    + ".  \nGewichten: " + "; ".join(f"{ft.label} {fmt.number(ft.weight, 1)}"
                                                   for ft in features) + ".")


main()

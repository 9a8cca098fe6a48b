"""The dimensions a figure can be filtered on and broken down by, declared
once, as data.

Every other place takes a dimension from this table: the Filters fields, the
URL keys and the SQL list parameters (monitor/filters.py), the sidebar and
the breakdown selector (pages/ui/filters.py, pages/ui/card.py), chart labels
and sentences (monitor/charts.py), the filter choices and the reasons a
combination is unavailable (monitor/indicators.py), which members disclosure
control gives up first (monitor/disclosure.py) and the export's parameters
(etl/export.py). What SQL computes a dimension (a column of the cube or a
marginal) is in sql/; tests/test_dimensions.py checks that every dimension
here reaches it. Importable without Streamlit, and importing nothing of the
project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, Mapping

#: gemeente: the place (always combinable); person: a column of the cube, any
#: combination with each other; margin: a one-dimension marginal
#: (mart_indicator_margins) that combines with the gemeente and the
#: peildatum only
Kind = Literal["gemeente", "person", "margin"]


@dataclass(frozen=True)
class Dimension:
    column: str  # the cube's or the marginal's column, and the breakdown's name
    field: str  # Filters field and the SQL list parameter ($field in sql/queries)
    url_key: str  # query parameter of a shared link
    label: str  # Dutch label: sidebar, breakdown selector, table header
    word: str  # in running text: "… naar <word>"
    help: str  # the sidebar's help text
    kind: Kind
    #: members that tell a reader least (disclosure hides them first; lists
    #: put them last)
    residual: tuple[str, ...] = ()
    #: the programme's focus groups (disclosure hides them last)
    focus: tuple[str, ...] = ()
    #: stored value -> what a reader sees
    member_labels: Mapping[str, str] = field(default_factory=dict)
    #: the members in their natural order (others follow, by name); empty:
    #: by name, residual members last
    order: tuple[str, ...] = ()
    #: fixed members, shown even before data has them (else: from the store)
    fixed: bool = False

    def member_label(self, value) -> str:
        return str(self.member_labels.get(value, value))

    def sort_members(self, values) -> list[str]:
        """The members in the order lists show them."""
        known = [v for v in self.order if v in values]
        rest = sorted((v for v in values if v not in self.order),
                      key=lambda v: (v in self.residual,
                                     self.residual.index(v) if v in self.residual else 0, v))
        return known + rest


TABLE: tuple[Dimension, ...] = (
    Dimension(
        "gemeentecode", "gemeenten", "gemeente", "Gemeente", "gemeente",
        "Kies één of meer gemeenten; leeg laten toont de hele regio.", "gemeente"),
    Dimension(
        "doelgroep", "doelgroep", "doelgroep", "Doelgroep", "doelgroep",
        "Asielstatushouder, nareiziger, gezinsmigrant of overig.", "person",
        residual=("Overig",),
        order=("Asielstatushouder", "Nareiziger", "Gezinsmigrant", "Overig")),
    Dimension(
        "geslacht", "geslacht", "geslacht", "Geslacht", "geslacht",
        "Geslacht zoals geregistreerd.", "person",
        residual=("X", "Onbekend"), focus=("V",),
        member_labels=MappingProxyType({"M": "Man", "V": "Vrouw", "X": "X (anders/onbekend)"}),
        order=("M", "V", "X")),
    Dimension(
        "leeftijdsgroep", "leeftijdsgroep", "leeftijd", "Leeftijdsgroep", "leeftijdsgroep",
        "Leeftijd op de peildatum.", "person",
        residual=("Onbekend",),
        # sql/macros/populations.sql (age_group_at) makes them
        order=("0-17", "18-26", "27-39", "40-54", "55+", "Onbekend"), fixed=True),
    Dimension(
        "leerroute", "leerroute", "leerroute", "Leerroute", "leerroute",
        "Leerroute uit het PIP.", "person",
        residual=("Onbekend",)),
    Dimension(
        "cohort", "cohort", "cohort", "Cohort (jaar PIP)", "cohort (jaar PIP)",
        "Het jaar waarin het PIP is getekend.", "person",
        residual=("Geen PIP",)),
    Dimension(
        "cohort_huisvesting", "cohort_huisvesting", "huisvesting", "Cohort (jaar huisvesting)",
        "jaar van huisvesting",
        "Het jaar waarin de persoon in de gemeente is gehuisvest; wie op de peildatum nog niet "
        "gehuisvest is, valt onder ‘Niet gehuisvest’.", "margin",
        residual=("Niet gehuisvest", "Onbekend")),
    Dimension(
        "cohort_vergunning", "cohort_vergunning", "vergunning", "Cohort (jaar vergunning)",
        "jaar van vergunning",
        "Het jaar van de verblijfsvergunning; wie die op de peildatum nog niet had, valt onder "
        "‘Geen vergunning’.", "margin",
        residual=("Geen vergunning", "Onbekend")),
    Dimension(
        "land_van_herkomst", "land_van_herkomst", "land", "Land van herkomst",
        "land van herkomst",
        "Landen met minder dan 10 inburgeraars in de hele opslag staan samen onder ‘Overig’, "
        "zodat niemand herkenbaar wordt.", "margin",
        residual=("Overig", "Onbekend")),
)

BY_COLUMN: Mapping[str, Dimension] = MappingProxyType({d.column: d for d in TABLE})
BY_FIELD: Mapping[str, Dimension] = MappingProxyType({d.field: d for d in TABLE})
BY_URL_KEY: Mapping[str, Dimension] = MappingProxyType({d.url_key: d for d in TABLE})

#: the person dimensions of the cube: any combination of them (and the gemeente)
PERSON: tuple[str, ...] = tuple(d.column for d in TABLE if d.kind == "person")
#: the one-dimension marginals: each with the gemeente and the peildatum only
MARGIN: tuple[str, ...] = tuple(d.column for d in TABLE if d.kind == "margin")
#: every breakdown, the gemeente first
ALL: tuple[str, ...] = tuple(d.column for d in TABLE)

#: members any dimension calls residual / focus (disclosure's order of hiding)
RESIDUAL_MEMBERS: frozenset[str] = frozenset(m for d in TABLE for m in d.residual)
FOCUS_MEMBERS: frozenset[str] = frozenset(m for d in TABLE for m in d.focus)


def label(column: str) -> str:
    return BY_COLUMN[column].label


def word(column: str) -> str:
    """The dimension in running text ("… naar jaar van huisvesting")."""
    return BY_COLUMN[column].word


def listed(words) -> str:
    """"a, b en c"."""
    words = list(words)
    return ", ".join(words[:-1]) + " en " + words[-1] if len(words) > 1 else "".join(words)


def _check() -> None:
    for attr in ("column", "field", "url_key"):
        values = [getattr(d, attr) for d in TABLE]
        if len(set(values)) != len(values):
            raise ValueError(f"dimensions: {attr} is not unique")
    # the cube's SQL and the Filters share a person or marginal dimension's
    # name; only the gemeente has a plural field (gemeenten) for its column
    if any(d.field != d.column for d in TABLE if d.kind != "gemeente"):
        raise ValueError("dimensions: a person or marginal dimension's field is its column")
    if "peildatum" in {d.url_key for d in TABLE}:
        raise ValueError("dimensions: url key 'peildatum' is the date's")


_check()

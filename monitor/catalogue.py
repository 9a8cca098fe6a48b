"""The indicator catalogue (sql/seeds/indicator_catalogue.csv) as typed
values: what the pages, charts, decks and the passport say about an
indicator. The catalogue holds no person data, so it needs no disclosure
control."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import store

SOURCE_LABELS = {
    "inburgeraars": "registratie inburgeraars (team Inburgering)",
    "participatie": "registratie participatie (team Inburgering)",
    "uitkeringen": "uitkeringsregistratie gemeente",
    "taakstelling": "taakstelling gemeente",
    "coa_bezetting": "COA bezettingsoverzicht",
    "coa_koppelingen": "COA koppelingen",
    "vista_voortgang": "VISTA-college voortgang",
    "enquete": "enquête inburgeraars",
    "acties": "acties uitvoeringsprogramma",
    "begroting": "begroting gemeente",
}

# Extracts the Rijk and the COA already publish per gemeente and location:
# figures made from these alone are exempt from disclosure control
# (indicators.md), and their passport says so.
PUBLIC_SOURCES = frozenset({"taakstelling", "coa_bezetting"})
# From a public extract but about persons and not published per location:
# the residents with a permit, not in the BRP and minors of each COA location.
NOT_PUBLIC = frozenset({"huisvesting.coa_locatie_samenstelling"})
PUBLIC_NOTE = ("Openbaar cijfer: het Rijk en het COA publiceren de taakstelling, het aantal "
               "gehuisveste statushouders, de achterstand en de capaciteit en bezetting per "
               "locatie zelf. Daarom wordt dit cijfer volledig getoond, ook bij kleine aantallen.")

# Subjects for the generated sentence, where the name alone reads badly.
SUBJECTS: dict[str, str] = {
    "basis.pvt_afgerond_pct": "Het aandeel inburgeraars dat het PVT binnen een jaar na het PIP afrondde",
    "huisvesting.taakstelling_realisatie_pct": "De realisatie van de taakstelling",
    "huisvesting.azc_bezettingsgraad_pct": "De bezettingsgraad van de AZC-locaties",
    "huisvesting.wachttijd_azc_mediaan_dagen": "De mediane wachttijd in het AZC na koppeling",
    "zorg.protect_afgenomen_pct": "Het aandeel inburgeraars bij wie Protect is afgenomen",
    "werk.duaal_pct": "Het aandeel inburgeraars met een duaal traject",
    "werk.z_uren_op_schema_pct": "Het aandeel Z-route-inburgeraars met participatie-uren op schema",
    "werk.uitkering_pct": "Het aandeel met een bijstandsuitkering een jaar na huisvesting",
    "werk.podium24_binnen_3mnd_pct": "Het aandeel Podium24-aanmeldingen met een plek binnen drie maanden",
    "taal.wachtlijst_pip": "De wachtlijst voor een PIP",
    "taal.leerroute_b1_pct": "Het aandeel inburgeraars in de B1-route",
    "taal.voorinburgering_gestart_pct": "Het aandeel gekoppelde statushouders dat met voorinburgering startte",
    "taal.aanwezigheid_pct": "De aanwezigheid bij de lessen",
    "taal.roosterwijzigingen_gemiddeld": "Het gemiddelde aantal roosterwijzigingen per cursist",
    "digitaal.digid_pct": "Het aandeel inburgeraars dat zelf met DigiD inlogt",
    "verbindingen.banden_eens_pct": "Het aandeel dat mensen met dezelfde achtergrond heeft om op terug te vallen",
    "verbindingen.bruggen_eens_pct": "Het aandeel dat weet bij welke instantie het terecht kan",
}


def _text(x) -> str | None:
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return None
    x = str(x).strip()
    return x or None


@dataclass(frozen=True)
class Indicator:
    id: str
    domain: str
    name: str
    definition: str
    unit: str
    sources: tuple[str, ...]
    norm: float | None
    norm_text: str | None
    norm_source: str | None
    direction: str
    frequency: str
    headline: bool
    counts_persons: bool
    reference: bool
    # how Vergelijken compares gemeenten on it (catalogue `vergelijking`):
    # 'aandeel', 'per_1000_inwoners', 'mediaan', or None (not compared)
    comparison: str | None = None

    @property
    def source(self) -> str:
        return ", ".join(SOURCE_LABELS.get(s, s) for s in self.sources)

    @property
    def subject(self) -> str:
        if self.id in SUBJECTS:
            return SUBJECTS[self.id]
        lead = {"pct": "Het percentage", "aantal": "Het aantal"}.get(self.unit, "De waarde")
        name = self.name[0].lower() + self.name[1:] if self.name[1:2].islower() else self.name
        return f"{lead} ‘{name}’"

    @property
    def is_public(self) -> bool:
        return (bool(self.sources) and set(self.sources) <= PUBLIC_SOURCES
                and self.id not in NOT_PUBLIC)

    @property
    def is_survey(self) -> bool:
        return self.sources == ("enquete",)


def _norm(raw) -> tuple[float | None, str | None]:
    """A number where the catalogue gives one, else its text ('650 bewoners')."""
    text = _text(raw)
    if text is None:
        return None, None
    try:
        return float(text.replace(",", ".")), None
    except ValueError:
        return None, text


SEED = Path(__file__).resolve().parent.parent / "sql" / "seeds" / "indicator_catalogue.csv"


@functools.lru_cache(maxsize=1)
def _seed_comparisons() -> dict[str, str]:
    with open(SEED, encoding="utf-8", newline="") as f:
        return {r["id"]: r.get("vergelijking") or "" for r in csv.DictReader(f)}


def from_frame(df: pd.DataFrame) -> list[Indicator]:
    # a store loaded before the catalogue had `vergelijking` takes it from
    # the seed: how gemeenten are compared is a property of the code, not of
    # the data, and the page should not go empty until the next load
    seeded = "vergelijking" not in df.columns
    out = []
    for r in df.to_dict("records"):
        comparison = _seed_comparisons().get(r["id"]) if seeded else r.get("vergelijking")
        norm, norm_text = _norm(r.get("norm"))
        out.append(Indicator(
            id=r["id"], domain=str(r["domain"]), name=str(r["naam"]),
            definition=_text(r.get("definitie")) or "", unit=str(r["eenheid"]),
            sources=tuple(s.strip() for s in str(r.get("bronnen") or "").replace(";", ",").split(",")
                          if s.strip()),
            norm=norm, norm_text=norm_text, norm_source=_text(r.get("norm_bron")),
            direction=_text(r.get("richting")) or "neutraal",
            frequency=_text(r.get("frequentie")) or "maand",
            headline=str(r.get("headline")) in ("1", "1.0", "True", "true"),
            counts_persons=str(r.get("teller_personen")) in ("1", "1.0", "True", "true"),
            reference=str(r.get("referentie")) in ("1", "1.0", "True", "true"),
            comparison=_text(comparison)))
    return out


def load(path) -> list[Indicator]:
    """Every indicator of the cube, in domain order."""
    return from_frame(store.query("catalogue", path=path))


def load_blocks(path) -> list[Indicator]:
    """The catalogue rows of the figures pages show as blocks of their own
    (Z-route capacity, VISTA levels, cohort curves, COA per location): their
    passport, not cube indicators."""
    return from_frame(store.query("catalogue_blocks", path=path))


def by_id(indicators: list[Indicator]) -> dict[str, Indicator]:
    return {i.id: i for i in indicators}


def of_domain(indicators: list[Indicator], domain: str) -> list[Indicator]:
    return [i for i in indicators if i.domain == str(domain)]


def headline_of_domain(indicators: list[Indicator], domain: str, n: int = 2) -> list[Indicator]:
    """The domain's headline indicators (catalogue `headline`), topped up with
    the others so every domain shows `n`."""
    mine = of_domain(indicators, domain)
    return ([i for i in mine if i.headline] + [i for i in mine if not i.headline])[:n]


def public_ids(indicators: list[Indicator]) -> set[str]:
    """Indicators exempt from disclosure control (public figures)."""
    return {i.id for i in indicators if i.is_public}

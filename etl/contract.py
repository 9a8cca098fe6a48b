"""The extracts of the data contract as data (docs/datacontract.md is
generated from this file: python -m etl contract).

Every other part of the ETL is generated from these specs: which files belong
to which extract, how their columns are named in the source and in the store,
how each value is parsed, and what makes a row a rejection. Changing the
contract means changing this file and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

# How a raw text value is parsed. The dialect of the extract (municipal, VISTA,
# COA) decides the date and decimal notation, so kinds stay notation-free.
Kind = Literal[
    "bsn", "vnummer", "gemeentecode", "gemeentenaam", "wijkcode", "enum", "date",
    "bool", "decimal", "int", "amount", "text", "month", "halfyear", "quarter",
    "year", "likert", "indicator",
]

Dialect = Literal["gemeente", "vista", "coa"]


@dataclass(frozen=True)
class Column:
    source: str  # header as the contract names it
    name: str  # column in the store
    kind: Kind
    required: bool = False  # an empty value rejects the row
    values: tuple[str, ...] = ()  # canonical spellings for kind "enum"
    non_negative: bool = False
    # Dates may not lie after the extract's own date; a planned end may.
    may_be_future: bool = False
    # Above this a value is impossible, not just unlikely (a week has 168 hours).
    maximum: float | None = None
    # Text only: what happens to a BSN- or V-nummer-shaped number in the cell.
    # "mask" (free text), "reject" (identifying codes, where a mask would make
    # two rows' keys equal), "keep" (the contract's own 9-digit budget numbers).
    # "thousands": as reject, but a whole number in thousands notation
    # (`100.000-150.000 inwoners`, a published size class) is no identifier.
    numbers: Literal["mask", "reject", "keep", "thousands"] = "mask"
    # A count of 1-4 is person-level data: a published table never carries it,
    # so a row with one is rejected (section 11).
    no_small_count: bool = False
    # A file without this column still loads, every row reading it as empty:
    # a column the contract gained later, so files delivered before it (an
    # older monthly file re-read at every load) keep loading.
    optional: bool = False


@dataclass(frozen=True)
class Extract:
    name: str  # store table is raw_<name>
    pattern: str  # regex on the path relative to the drop, with group "stamp"
    mode: Literal["snapshot", "periodic"]
    dialect: Dialect
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # store column names; unique per file
    sheet: str | None = None  # xlsx sheet; None for CSV
    references_person: str | None = None  # "person_key" or "vnummer_key"
    stamp: Literal["date", "month", "year", "none"] = "none"
    # Column whose value must equal the period in the file name.
    period_column: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def table(self) -> str:
        return f"raw_{self.name}"

    def matches(self, relpath: str) -> re.Match | None:
        return re.fullmatch(self.pattern, relpath, flags=re.IGNORECASE)


def _enum(source, name, values, required=False):
    return Column(source, name, "enum", required=required, values=tuple(values))


def _jn(source, name):
    return Column(source, name, "bool")


STATUSES = ("Aangemeld", "Intake", "PIP", "Actief", "Voldaan", "Ontheffing",
            "Verlengd", "Boete", "Verhuisd", "Vertrokken")
LEVELS = ("A0", "A1", "A2", "B1", "B2")

INBURGERAARS = Extract(
    name="inburgeraars",
    pattern=r"gemeente/inburgeraars_(?P<stamp>\d{8})(?:[_-][^/]*)?\.csv",
    mode="snapshot", dialect="gemeente", stamp="date",
    columns=(
        Column("BSN", "person_key", "bsn", required=True),
        Column("V-nummer", "vnummer_key", "vnummer"),
        Column("Gemeentecode", "gemeentecode", "gemeentecode", required=True),
        _enum("Doelgroep", "doelgroep",
              ("Asielstatushouder", "Nareiziger", "Gezinsmigrant", "Overig"), required=True),
        _enum("Geslacht", "geslacht", ("M", "V", "X")),
        Column("Geboortedatum", "geboortedatum", "date"),
        Column("Land van herkomst", "land_van_herkomst", "text"),
        Column("Datum vergunning", "datum_vergunning", "date"),
        Column("Datum koppeling", "datum_koppeling", "date"),
        Column("Datum huisvesting", "datum_huisvesting", "date"),
        Column("Huishoudgrootte", "huishoudgrootte", "int", non_negative=True),
        Column("Wijkcode", "wijkcode", "wijkcode"),
        Column("Datum brede intake", "datum_brede_intake", "date"),
        Column("Datum PIP", "datum_pip", "date"),
        _enum("Leerroute", "leerroute", ("B1", "B1-Entree", "Z", "Onderwijs")),
        _jn("Alfabetisering", "alfabetisering"),
        Column("Datum start leerroute", "datum_start_leerroute", "date"),
        _enum("Status", "status", STATUSES, required=True),
        Column("Datum status", "datum_status", "date"),
        Column("Datum MAP afgerond", "datum_map_afgerond", "date"),
        Column("Datum KNM afgerond", "datum_knm_afgerond", "date"),
        Column("Datum PVT afgerond", "datum_pvt_afgerond", "date"),
        Column("Datum Protect", "datum_protect", "date"),
        _enum("Uitkomst Protect", "uitkomst_protect", ("Geen signaal", "Signaal", "Doorverwezen")),
        _jn("Kinderopvang nodig", "kinderopvang_nodig"),
        _jn("Kinderopvang geregeld", "kinderopvang_geregeld"),
        _jn("Digid", "digid"),
    ),
    key=("person_key",),
)

PARTICIPATIE = Extract(
    name="participatie",
    pattern=r"gemeente/participatie_(?P<stamp>\d{8})(?:[_-][^/]*)?\.csv",
    mode="snapshot", dialect="gemeente", stamp="date",
    columns=(
        Column("BSN", "person_key", "bsn", required=True),
        Column("Activiteit-ID", "activiteit_id", "text", required=True, numbers="reject"),
        _enum("Soort", "soort", ("Vrijwilligerswerk", "Stage", "Werkervaringsplaats",
                                 "Leerwerktraject", "Betaald werk", "Activeringsprogramma",
                                 "Taalmaatje", "Sport en cultuur", "Opleiding"), required=True),
        Column("Organisatie", "organisatie", "text"),
        _enum("Aanbieder", "aanbieder", ("Podium24", "MTB", "Annex", "Praktech", "WereldWijd",
                                         "Grenzeloos", "UAF", "Meedoenbalie", "Consulent",
                                         "Eigen netwerk")),
        Column("Datum aanmelding", "datum_aanmelding", "date"),
        Column("Datum start", "datum_start", "date", required=True),
        Column("Datum einde", "datum_einde", "date", may_be_future=True),
        Column("Uren per week", "uren_per_week", "decimal", non_negative=True, maximum=168),
    ),
    key=("activiteit_id",),
    references_person="person_key",
)

UITKERINGEN = Extract(
    name="uitkeringen",
    pattern=r"gemeente/uitkeringen_(?P<stamp>\d{6})(?:[_-][^/]*)?\.csv",
    mode="periodic", dialect="gemeente", stamp="month",
    columns=(
        Column("BSN", "person_key", "bsn", required=True),
        Column("Maand", "maand", "month", required=True),
        _jn("Participatiewet", "participatiewet"),
        _jn("Inkomen uit werk", "inkomen_uit_werk"),
        _jn("Ontzorging", "ontzorging"),
    ),
    key=("person_key", "maand"),
    references_person="person_key",
    period_column="maand",
)

TAAKSTELLING = Extract(
    name="taakstelling",
    pattern=r"gemeente/taakstelling(?:_(?P<stamp>\d{8}))?\.csv",
    mode="snapshot", dialect="gemeente",
    columns=(
        Column("Gemeentecode", "gemeentecode", "gemeentecode", required=True),
        Column("Periode", "periode", "halfyear", required=True),
        Column("Taakstelling", "taakstelling", "int", required=True, non_negative=True),
        Column("Achterstand begin", "achterstand_begin", "int"),
        Column("Gehuisvest", "gehuisvest", "int", non_negative=True),
    ),
    key=("gemeentecode", "periode"),
)

COA_BEZETTING = Extract(
    name="coa_bezetting",
    pattern=r"coa/coa_bezetting_(?P<stamp>\d{6})(?:[_-][^/]*)?\.xlsx",
    mode="periodic", dialect="coa", stamp="month", sheet="Bezetting",
    columns=(
        Column("Locatie", "locatie", "text", required=True),
        Column("Gemeente", "gemeentecode", "gemeentenaam", required=True),
        _enum("Type opvang", "type_opvang", ("AZC", "Noodopvang", "AMV")),
        Column("Capaciteit", "capaciteit", "int", non_negative=True),
        Column("Bezetting", "bezetting", "int", non_negative=True),
        Column("Waarvan vergunninghouders", "vergunninghouders", "int", non_negative=True),
        Column("Waarvan niet in BRP", "niet_in_brp", "int", non_negative=True),
        Column("Waarvan minderjarig", "minderjarig", "int", non_negative=True),
    ),
    key=("locatie",),
    extra={"header_row": 3, "title_row": 1, "total_label": "totaal"},
)

COA_KOPPELINGEN = Extract(
    name="coa_koppelingen",
    pattern=r"coa/coa_koppelingen_(?P<stamp>\d{6})(?:[_-][^/]*)?\.xlsx",
    mode="periodic", dialect="coa", stamp="month", sheet="Koppelingen",
    columns=(
        Column("V-nummer", "vnummer_key", "vnummer", required=True),
        Column("Gekoppelde gemeente", "gemeentecode", "gemeentenaam", required=True),
        Column("Datum koppeling", "datum_koppeling", "date"),
        Column("Locatie", "locatie", "text"),
        _jn("Voorinburgering gestart", "voorinburgering_gestart"),
        _jn("Voorinburgering afgerond", "voorinburgering_afgerond"),
        Column("Uren voorinburgering", "uren_voorinburgering", "decimal", non_negative=True),
        _jn("Meedoenbalie", "meedoenbalie"),
        Column("Datum uitstroom", "datum_uitstroom", "date"),
    ),
    key=("vnummer_key",),
    references_person="vnummer_key",
    extra={"header_row": 1},
)

VISTA = Extract(
    name="vista_voortgang",
    pattern=r"vista/vista_voortgang_(?P<stamp>\d{8})(?:[_-][^/]*)?\.csv",
    # Every file is the state on its own date (contract section 7): all are
    # kept as a history, a re-delivered date replaces that date's file.
    mode="periodic", dialect="vista", stamp="date",
    columns=(
        Column("bsn", "person_key", "bsn", required=True),
        _enum("leerroute", "leerroute", ("b1", "b1_entree", "z", "onderwijs", "alfa")),
        Column("startdatum", "startdatum", "date"),
        Column("peildatum", "peildatum", "date", required=True),
        Column("geplande_lesuren", "geplande_lesuren", "decimal", non_negative=True),
        Column("gevolgde_lesuren", "gevolgde_lesuren", "decimal", non_negative=True),
        Column("roosterwijzigingen", "roosterwijzigingen", "int", non_negative=True),
        _enum("niveau_lezen", "niveau_lezen", LEVELS),
        _enum("niveau_luisteren", "niveau_luisteren", LEVELS),
        _enum("niveau_spreken", "niveau_spreken", LEVELS),
        _enum("niveau_schrijven", "niveau_schrijven", LEVELS),
        Column("examen_datum", "examen_datum", "date"),
        Column("examen_behaald", "examen_behaald", "bool"),
        Column("avondonderwijs_wens", "avondonderwijs_wens", "bool"),
        Column("uitgevallen", "uitgevallen", "bool"),
        Column("reden_uitval", "reden_uitval", "text"),
    ),
    key=("person_key",),
    references_person="person_key",
)

BEGROTING = Extract(
    name="begroting",
    pattern=r"gemeente/begroting(?:_(?P<stamp>\d{8}))?\.csv",
    mode="snapshot", dialect="gemeente",
    columns=(
        Column("Programma", "programma", "text"),
        Column("Budgetnummer", "budgetnummer", "text", numbers="keep"),
        Column("Naam", "naam", "text", required=True),
        _enum("Soort", "soort", ("Lasten", "Baten", "Reserve"), required=True),
        Column("Jaar", "jaar", "year", required=True),
        Column("Bedrag", "bedrag", "amount", required=True),
        _jn("Raming", "raming"),
    ),
    key=("programma", "budgetnummer", "naam", "soort", "jaar"),
)

ACTIES = Extract(
    name="acties",
    pattern=r"gemeente/acties(?:_(?P<stamp>\d{8}))?\.csv",
    mode="snapshot", dialect="gemeente",
    columns=(
        Column("Actie-ID", "actie_id", "text", required=True, numbers="reject"),
        _enum("Actielijn", "actielijn",
              ("Taal", "Participatie", "Betaald werk", "Borging", "Aandachtspunten"), required=True),
        Column("Omschrijving", "omschrijving", "text"),
        Column("Uitvoering", "uitvoering", "text"),
        Column("Financiering", "financiering", "text"),
        Column("Start", "start", "quarter"),
        Column("Einde", "einde", "quarter"),
        _enum("Status", "status", ("Niet gestart", "Loopt", "Afgerond", "Vertraagd"), required=True),
        Column("Toelichting", "toelichting", "text"),
    ),
    key=("actie_id",),
)

SURVEY_STATEMENTS = ("Banden", "Connecties", "Bruggen", "Vertrouwen gemeente", "Veilig in buurt",
                     "Digitaal", "Cultuur", "Gezondheid", "Vrije tijd", "Rechten")

ENQUETE = Extract(
    name="enquete",
    pattern=r"gemeente/enquete_(?P<stamp>\d{4})(?:[_-][^/]*)?\.csv",
    mode="periodic", dialect="gemeente", stamp="year",
    columns=(
        Column("Respondent", "respondent", "text", required=True, numbers="reject"),
        Column("Gemeentecode", "gemeentecode", "gemeentecode", required=True),
        _enum("Jaar in Nederland", "jaar_in_nederland", ("1", "2", "3", "4+")),
        *(Column(s, s.lower().replace(" ", "_"), "likert") for s in SURVEY_STATEMENTS),
    ),
    key=("respondent",),
)

# Section 11: published figures to compare with (CBS StatLine, Divosa,
# waarstaatjegemeente), copied by the municipality. Optional; shown beside the
# product's own figures with their source, never mixed in.
REFERENTIE = Extract(
    name="referentie",
    pattern=r"referentie/referentie_(?P<stamp>\d{8})(?:[_-][^/]*)?\.csv",
    mode="snapshot", dialect="gemeente", stamp="date",
    columns=(
        Column("Indicator", "indicator_id", "indicator", required=True),
        Column("Gebied", "gebied", "text", required=True, numbers="thousands"),
        Column("Peildatum", "peildatum", "date", required=True),
        Column("Waarde", "waarde", "decimal", required=True),
        Column("Teller", "teller", "int", non_negative=True, no_small_count=True),
        Column("Noemer", "noemer", "int", non_negative=True, no_small_count=True),
        Column("Bron", "bron", "text", required=True),
    ),
    key=("indicator_id", "gebied", "peildatum"),
)

# Load order matters: references are checked against inburgeraars.
EXTRACTS: tuple[Extract, ...] = (
    INBURGERAARS, PARTICIPATIE, UITKERINGEN, TAAKSTELLING, COA_BEZETTING,
    COA_KOPPELINGEN, VISTA, BEGROTING, ACTIES, ENQUETE, REFERENTIE,
)

# Files at the root of a drop that are metadata, not extracts.
DEMO_MARKER = "DEMO_SYNTHETISCH.txt"
DROP_METADATA = {DEMO_MARKER.lower(), "regio.csv"}

"""How the drop departs from a clean export: the habits of real deliveries that
the contract allows (case and spaces in headers, padded fields, BSNs that lost
their leading zero in Excel) and the rows that break it on purpose, listed as
PlantedRow so that tests can check that exactly those are rejected."""

from __future__ import annotations

import numpy as np

from .calibration import AZC_MAASTRICHT
from .drop import Drop, PlantedRow, Table
from .persons import NAT
from .text import fmt_date


# Header names as other exports spell them (case, spaces), per extract.
INBURGERAARS_SPELLING = {"BSN": "bsn", "V-nummer": " V-nummer ", "Gemeentecode": "GEMEENTECODE",
                         "Datum PIP": "datum pip", "Digid": "DigiD"}
PARTICIPATIE_SPELLING = {"Activiteit-ID": "activiteit-id", "Uren per week": "Uren Per Week "}
UITKERINGEN_SPELLING = {"BSN": "bsn", "Maand": " Maand"}
TAAKSTELLING_SPELLING = {"Achterstand begin": "Achterstand Begin"}


def respelled(header, changes: dict[str, str]) -> list[str]:
    return [changes.get(h, h) for h in header]


def pad_some(values: np.ndarray, rng: np.random.Generator, share: float) -> np.ndarray:
    """Surrounding spaces, as hand-edited exports carry them."""
    out = values.copy()
    hit = (rng.random(len(out)) < share) & (out != "")
    out[hit] = " " + out[hit] + " "
    return out


def bsn_column(d: Drop, who: np.ndarray, rng, strip_share: float, pad_share: float) -> np.ndarray:
    """Excel drops the leading zero; hand edits leave spaces."""
    strip = rng.random(len(who)) < strip_share
    shown = np.where(strip, d.p.bsn_excel[who], d.p.bsn[who]).astype(object)
    return pad_some(shown, rng, pad_share)


def plant_inburgeraars(d: Drop, t: Table, rel: str, newest: np.datetime64) -> None:
    """A BSN that fails the elfproef and a gemeentecode outside the region."""
    good = d.spare_bsns[0]
    bad = good[:8] + str((int(good[8]) + 1) % 10)  # the check digit no longer fits
    newcomer = {"V-nummer": "", "Doelgroep": "Gezinsmigrant", "Geslacht": "V", "Status": "Aangemeld",
                "Datum status": fmt_date(np.array([newest - np.timedelta64(20, "D")]))[0],
                "Land van herkomst": "Brazilië", "Huishoudgrootte": "2",
                "Datum vergunning": fmt_date(np.array([newest - np.timedelta64(50, "D")]))[0]}
    t.insert(d.pick(0, len(t) + 1), {**newcomer, "BSN": bad, "Gemeentecode": "GM0935"}, "elfproef")
    t.insert(d.pick(0, len(t) + 1), {**newcomer, "BSN": d.spare_bsns[1], "Gemeentecode": "GM9999"}, "gm9999")
    d.plant(rel, t, "elfproef", "BSN", "BSN voldoet niet aan de elfproef")
    d.plant(rel, t, "gm9999", "Gemeentecode", "gemeentecode GM9999 hoort niet bij de regio")


def plant_participatie(d: Drop, t: Table, rel: str) -> None:
    """A date that does not exist, negative hours and a repeated Activiteit-ID."""
    next_id = len(d.acts.ident) + 1
    donor = d.pick(0, len(t))
    base = {h: t.cols[i][donor].strip() for i, h in enumerate(t.header)}
    t.tags[donor] = "donor"
    t.insert(d.pick(0, len(t) + 1), {**base, "Activiteit-ID": f"PA2024-{next_id:06d}",
                                     "Datum start": "31-02-2024", "Datum aanmelding": "",
                                     "Datum einde": ""}, "date")
    t.insert(d.pick(0, len(t) + 1), {**base, "Activiteit-ID": f"PA2024-{next_id + 1:06d}",
                                     "Uren per week": "-6,0"}, "hours")
    # The repeat comes after the original, which keeps loading.
    t.insert(d.pick(t.row_of("donor"), len(t) + 1),
             {**base, "Soort": "Taalmaatje", "Aanbieder": "WereldWijd", "Uren per week": "2,0"}, "repeat")
    d.plant(rel, t, "date", "Datum start", "datum bestaat niet (31-02-2024)")
    d.plant(rel, t, "hours", "Uren per week", "negatief aantal uren per week")
    d.plant(rel, t, "repeat", "Activiteit-ID", "Activiteit-ID herhaald")


def unknown_person_month(d: Drop, months: list) -> int | None:
    """The month (of the last two years) whose file holds an unknown person."""
    return months[d.pick(max(0, len(months) - 24), len(months))][0] if months else None


def plant_unknown_person(d: Drop, t: Table, rel: str, ym: str) -> None:
    t.insert(d.pick(0, len(t) + 1), {"BSN": d.spare_bsns[2], "Maand": ym, "Participatiewet": "J",
                                     "Inkomen uit werk": "N", "Ontzorging": "N"}, "unknown")
    d.plant(rel, t, "unknown", "BSN", "geldig BSN dat niet in het inburgeraarsbestand staat")


def plant_likert(d: Drop, t: Table, rel: str) -> None:
    t.set(d.pick(0, len(t)), "Veilig in buurt", "6", "likert")
    d.plant(rel, t, "likert", "Veilig in buurt", "antwoord buiten de schaal 1-5")


def plant_late_koppeling(d: Drop, cols: list, idx: np.ndarray, hi: np.datetime64, rel: str) -> list:
    """Someone linked earlier, reported with a koppeling after the month. Its
    own row, if any, keeps loading: only rows that pass count as repeats of a
    key."""
    linked = np.flatnonzero(d.p.vnr != "")
    absent = np.setdiff1d(linked, idx)
    pool = absent if len(absent) else linked
    who = pool[d.pick(0, len(pool))]
    pos = d.pick(0, len(idx) + 1)
    row = [d.p.vnr[who], d.gemeenten[d.p.gem[who]].coa_names[0], hi + np.timedelta64(12, "D"),
           AZC_MAASTRICHT, "Ja", "Nee", 40.0, "Nee", NAT]
    d.planted.append(PlantedRow(rel, pos + 1, "Datum koppeling",
                                "datum koppeling na de maand van het bestand"))
    return [(kind, np.insert(values, pos, row[c])) for c, (kind, values) in enumerate(cols)]


def plant_nl_date(d: Drop, t: Table, rel: str, column: str) -> None:
    """Another supplier writing one date in municipal notation."""
    i = d.pick(0, len(t))
    iso = t.cols[t.header.index(column)][i]
    t.set(i, column, f"{iso[8:10]}-{iso[5:7]}-{iso[:4]}", "nl-date")
    d.plant(rel, t, "nl-date", column, "datum in gemeentelijke notatie (dd-mm-jjjj)")

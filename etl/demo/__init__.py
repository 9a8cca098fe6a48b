"""The synthetic demo drop: every extract of the data contract, calibrated to the
seeds, so the product can be shown and tested without a real person in it.

Every identifier is drawn at random (BSNs pass the elfproef, they are not
issued ones). `write_demo_drop(out)` is deterministic per seed.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..contract import DEMO_MARKER
from ..load import DEMO_PSEUDONYM_KEY  # one definition, shared with the loader
from .calibration import REGIO, Gemeente, national_region, region_attributes
from .drop import Drop, PlantedRow, write_csv
from .extracts import (write_coa, write_enquete, write_inburgeraars, write_participatie,
                       write_referentie, write_small_snapshots, write_uitkeringen, write_vista)
from .persons import elfproef_ok, generate_activities, generate_persons, make_bsns

__all__ = ["DEMO_PSEUDONYM_KEY", "REGIO", "DemoSummary", "Gemeente", "PlantedRow", "elfproef_ok",
           "national_region", "write_demo_drop"]


@dataclass
class DemoSummary:
    scale: str
    seed: int
    today: dt.date
    files: int
    persons: int  # rows in the newest inburgeraars file, planted rows not counted
    participation_rows: int  # newest participatie file
    benefit_rows: int  # all uitkeringen files
    planted: list[PlantedRow] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{self.files} bestanden, {self.persons} personen, {self.participation_rows} "
                f"participatierijen, {self.benefit_rows} uitkeringsrijen, "
                f"{len(self.planted)} bewust foute rijen (schaal {self.scale}, seed {self.seed})")


MARKER_TEXT = """SYNTHETISCHE DEMOLEVERING - GEEN ECHTE GEGEVENS

Deze map is gemaakt door `python -m etl demo` (schaal {scale}, seed {seed}, peildatum {today}).
Alle personen, BSN's, V-nummers en antwoorden zijn verzonnen. De BSN's voldoen aan de
elfproef maar zijn willekeurig getrokken; ze horen bij niemand.

De aantallen zijn afgestemd op de brondocumenten (beleidskader Nieuwe Stadsgezichten en
uitvoeringsprogramma Taal en Participatie in de Wet inburgering 2021): 134 in 2024 in
Maastricht gehuisveste asielstatushouders, verdeelsleutel 67,23%, leerroutes B1 80% en
Z 19% (1 maart 2024), ongeveer 88 actieve inburgeraars in de Maastrichtse Z-route (bijna
580 uur participatieplekken per week nodig), duaal traject 40% begin 2024, voorinburgering
gestart 80%, AZC Maastricht
650 plaatsen, noodopvang Mariënwaard tot en met augustus 2025, begrotingsregels en
acties uit de tabellen van beide documenten.

{planted} rijen breken bewust het datacontract (foute BSN, onbekende gemeentecode,
ongeldige datum, negatieve uren, dubbele sleutel, onbekende persoon, datum na de
bestandsdatum); het laadrapport hoort precies die rijen af te keuren.

Pseudonimisering gebruikt zonder PSEUDONYM_KEY de publieke demosleutel
'{key}'. Gebruik die sleutel nooit voor een echte levering.
"""


def _prepare_out(out: Path) -> None:
    """Refuse to write into a folder with other data; a previous demo drop
    (recognised by its marker) is replaced whole."""
    if out.exists() and any(out.iterdir()):
        if not (out / DEMO_MARKER).exists():
            raise ValueError(f"{out} is niet leeg en is geen demolevering; kies een lege map")
        for sub in ("gemeente", "coa", "vista", "referentie"):
            if (out / sub).is_dir():
                shutil.rmtree(out / sub)
        for name in (DEMO_MARKER, "regio.csv"):
            (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


NATIONAL_REGION = "Nederland"


def write_demo_drop(out: Path, scale: str = "regio", seed: int = 2024,
                    today: dt.date | None = None, factor: float = 1.0) -> DemoSummary:
    """Write the synthetic drop for January 2022 up to the month of `today`.
    factor multiplies every municipality's persons (the benchmark's 2x
    national drop: same municipalities, twice the people and their rows)."""
    if scale not in ("regio", "national"):
        raise ValueError("scale is 'regio' of 'national'")
    today = today or dt.date.today()
    if today < dt.date(2022, 3, 1):
        raise ValueError("de demolevering begint in januari 2022; kies een latere datum")
    out = Path(out)
    _prepare_out(out)
    names = ("region", "persons", "activities", "inburgeraars", "participatie", "uitkeringen",
             "coa", "enquete", "small", "plant")
    rng = dict(zip(names, np.random.default_rng(seed).spawn(len(names))))
    gemeenten = national_region(rng["region"]) if scale == "national" else REGIO
    if factor != 1.0:
        gemeenten = tuple(replace(g, weight=g.weight * factor) for g in gemeenten)
    p = generate_persons(gemeenten, today, rng["persons"])
    spare = make_bsns(rng["plant"], 50)
    d = Drop(out, p, generate_activities(p, today, rng["activities"]), gemeenten, today, rng,
             spare_bsns=spare[~np.isin(spare, p.bsn)][:3])
    persons = write_inburgeraars(d)
    participation_rows = write_participatie(d)
    benefit_rows = write_uitkeringen(d)
    write_small_snapshots(d)
    write_enquete(d)
    write_coa(d)
    write_vista(d)
    write_referentie(d)
    if scale == "national":
        # its own generator, so the attributes leave every other draw as it was
        attrs = region_attributes(gemeenten, np.random.default_rng([seed, 8]))
        write_csv(out / "regio.csv", ["gemeentecode", "naam", "coa_namen", "regio", "inwoners",
                                      "stedelijkheid", "provincie", "arbeidsmarktregio"], [
            np.array([g.code for g in gemeenten], dtype=object),
            np.array([g.name for g in gemeenten], dtype=object),
            np.array(["|".join(g.coa_names) for g in gemeenten], dtype=object),
            np.array([NATIONAL_REGION] * len(gemeenten), dtype=object),
            *(np.array([str(a[i]) for a in attrs], dtype=object) for i in range(4))],
            encoding="utf-8", newline="\n")
    (out / DEMO_MARKER).write_text(MARKER_TEXT.format(
        scale=scale, seed=seed, today=today.strftime("%d-%m-%Y"), planted=len(d.planted),
        key=DEMO_PSEUDONYM_KEY), encoding="utf-8")
    return DemoSummary(scale=scale, seed=seed, today=today, files=d.files, persons=persons,
                       participation_rows=participation_rows, benefit_rows=benefit_rows,
                       planted=sorted(d.planted, key=lambda x: (x.file, x.row)))

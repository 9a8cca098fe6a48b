"""Synthetic demo drop: every extract of the data contract, calibrated to the seeds.

`write_demo_drop(out)` writes a complete drop folder that looks like what team
Inburgering, the COA and the VISTA-college deliver, quirks included (Windows-1252
beside UTF-8 with BOM, dd-mm-jjjj, J/N, decimal comma, thousand dots, headers in
other case, padded fields, trailing empty lines, BSNs that lost their leading
zero in Excel). No real person is in it: every identifier is drawn at random
(BSNs pass the elfproef, they are not issued ones). A handful of rows break the
contract on purpose; `DemoSummary.planted` lists them so tests can check that
exactly those are rejected.

Persons are simulated once, on a daily time line (vergunning -> koppeling ->
huisvesting -> brede intake -> PIP -> leerroute -> outcome), and every file is
a view of that one history at the file's own date. That is what keeps the
files consistent with each other (every BSN and V-nummer referenced exists,
no date lies after the file's date) and the snapshots comparable.

Calibration. Seeds: 001 = beleidskader, 002 = uitvoeringsprogramma Wet
inburgering 2021 (../shared/seeds). "Measured" is seed 2024, today 2026-11-23,
computed from the files with the definitions of indicators.md.

| seed figure                                  | src       | demo drop                                    |
|----------------------------------------------|-----------|----------------------------------------------|
| 134 asielstatushouders housed in Maastricht  | 002 SPUK  | exactly 134 with Datum huisvesting in 2024,  |
|   (2024)                                     |           |   for every seed (region: 200)               |
| verdeelsleutel Maastricht 67,23%             | 002 §7    | the other four get 32,77% by population      |
| leerroute B1 80% / Z 19% / enkeling          | 002 §3    | B1 + B1-Entree 78%, Z 20%, Onderwijs 2%      |
|   Onderwijs (1 March 2024)                   |           |   (Onderwijs only under 27)                  |
| B1-Entree since September 2023               | 002 §3    | only for PIPs from 1-9-2023, under 30        |
| ~88 inburgeraars in the Z-route              | 002 §4    | Z-route caseload 71-99 in 2025-2026          |
| Z-route 800 h in 3 years: 5,1-6,6 h/week     | 002 §4    | Z-route activities 5,0-7,0 h/week            |
| activeringsprogramma from Sept 2024,         | 002 §4    | Activeringsprogramma rows from 2024-09,      |
|   10 weeks x 4 hours                         |           |   70 days, 4,0 h/week                        |
| duaal traject 40% (early 2024), ambition:    | 002       | werk.duaal_pct 44% (mean Jan-Mar 2024),      |
|   everyone                                   |           |   57% (mean 2026 Q1-Q3)                      |
| voorinburgering: 80% start; 115 h in 14 wk   | 002 §3    | 4 in every 5 start: 80,0% of the newest      |
|                                              |           |   koppelingen file, 79,4% of all             |
| Podium24 finds a place within 3 months       | 002 §5    | 87% of Podium24 rows start within 91 days    |
| Protect questionnaire (action A1, 2024)      | 002 §6    | 79% of PIPs, 89% of PIPs from April 2024     |
| termijn 3 years from the day after the PIP   | 002 §2    | Verlengd at PIP + 1096 days if not voldaan;  |
|                                              |           |   a few Boete                                |
| waiting time AZC -> housing (shortage)       | 001 2.1.2 | median 88-142 days (2,9-4,7 months)          |
| waiting list team inburgering (2023-2024)    | 002       | PIP ~110 days after housing then, ~40 after  |
| AZC Maastricht: at most 650 residents        | 001 2.1.1 | capacity 650, occupancy 545-650              |
| noodopvang Mariënwaard t/m augustus 2025     | 001 2.1.1 | in bezetting up to 2025-08, absent after     |
| AMV-opvang Cadier en Keer                    | 001 2.1.1 | `AMV Cadier en Keer` in every bezetting file |
| taakstelling per half year; backlog          | 001 2.1.2 | per gemeente and half year; Achterstand      |
|                                              |           |   carries over, can be negative              |
| ontzorging first six months after housing    | 001 2.3   | Ontzorging J in the housing month + 5        |
| budget tables 1-5; starred = estimate        | 001       | begroting.csv, Raming J where starred        |
| uitvoeringskosten; 570610905 = 645.205 /     | 002 §7    | begroting.csv                                |
|   549.087 / 549.087 / 549.087                |           |                                              |
| actions of bijlage 3                         | 002       | acties.csv: T1-T8, P1-P8, W1-W8, B1-B3,      |
|                                              |           |   A1-A5 (quarters reconstructed from the     |
|                                              |           |   text: the Gantt bars did not survive)      |

Scale `national` keeps the five real municipalities exactly as in `regio` and
adds 337 synthetic ones (GM5001..., "Demogemeente 001"...) so that the whole
drop holds ~175.000 persons; it also writes `regio.csv` for the loader. All
person-level work is vectorised with numpy; Python loops run over months,
episodes or files, never over rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .contract import DEMO_MARKER
from .load import DEMO_PSEUDONYM_KEY  # one definition, shared with the loader

D = "datetime64[D]"
NAT = np.datetime64("NaT", "D")
LAW_START = np.datetime64("2022-01-01", "D")  # Wet inburgering 2021 in force
MONTH0 = np.datetime64("2022-01", "M")
NO_MONTH = -(10**6)
MARIENWAARD_LAST_DAY = np.datetime64("2025-08-31", "D")
ACTIVERING_START = np.datetime64("2024-09-01", "D")
B1_ENTREE_START = np.datetime64("2023-09-01", "D")
PROTECT_START = np.datetime64("2024-04-01", "D")
TERMIJN_DAYS = 1095

# Asielstatushouders housed in Maastricht per half year. 2024 is the seed's
# 134; the rise from 2022-2 and the "fors" 2023 follow 001 2.1.2. Later half
# years repeat the last value.
MAASTRICHT_HOUSED = {
    (2022, 1): 8, (2022, 2): 14, (2023, 1): 28, (2023, 2): 36, (2024, 1): 64,
    (2024, 2): 70, (2025, 1): 42, (2025, 2): 34, (2026, 1): 28, (2026, 2): 26,
}
# The synthetic municipalities of the national scale: the national taakstelling
# was high from 2022-2 on and eased after 2024; same total as Maastricht's.
SYNTHETIC_HOUSED = {
    (2022, 1): 24, (2022, 2): 34, (2023, 1): 38, (2023, 2): 40, (2024, 1): 42,
    (2024, 2): 40, (2025, 1): 36, (2025, 2): 34, (2026, 1): 32, (2026, 2): 30,
}
NAREIZIGERS_PER_HOUSED = 0.14  # family members following a year later
GEZINSMIGRANTEN_PER_HALF_YEAR = 6.0  # Maastricht; scaled by weight elsewhere
OVERIG_PER_HALF_YEAR = 1.5
STATUSHOUDERS_PER_INBURGERAAR = 1.35  # taakstelling counts children and elderly too
NATIONAL_PERSONS = 175_000
NATIONAL_SYNTHETIC = 337


@dataclass(frozen=True)
class Gemeente:
    code: str
    name: str
    coa_names: tuple[str, ...]  # first is the usual COA spelling
    weight: float  # persons relative to Maastricht
    wijken: int


# Weights of the small four: their population share of the 32,77% that the
# verdeelsleutel leaves outside Maastricht.
REGIO = (
    Gemeente("GM0935", "Maastricht", ("MAASTRICHT", "Maastricht"), 1.0, 10),
    Gemeente("GM0938", "Meerssen", ("Meerssen", "MEERSSEN"), 0.1554, 5),
    Gemeente("GM0994", "Valkenburg aan de Geul", ("Valkenburg a/d Geul", "Valkenburg ad Geul"), 0.1341, 4),
    Gemeente("GM1729", "Gulpen-Wittem", ("Gulpen Wittem", "GULPEN-WITTEM"), 0.1169, 5),
    Gemeente("GM0981", "Vaals", ("Vaals", "VAALS"), 0.0809, 3),
)

DOELGROEPEN = np.array(["Asielstatushouder", "Nareiziger", "Gezinsmigrant", "Overig"], dtype=object)
ASIEL, NAREIZIGER, GEZINSMIGRANT, OVERIG = range(4)

COUNTRIES = {
    "asiel": (("Syrië", .42), ("Eritrea", .14), ("Turkije", .12), ("Afghanistan", .10),
              ("Jemen", .06), ("Irak", .04), ("Iran", .03), ("Somalië", .03), ("Soedan", .03),
              ("Ethiopië", .02), ("Palestijnse gebieden", .01)),
    "migrant": (("Turkije", .15), ("Marokko", .13), ("India", .09), ("Brazilië", .07),
                ("Indonesië", .06), ("Thailand", .06), ("Filipijnen", .06), ("China", .06),
                ("Suriname", .06), ("Rusland", .06), ("Colombia", .05), ("Ghana", .05),
                ("Kameroen", .04), ("Haïti", .02), ("Egypte", .04)),
}

ROUTES = np.array(["B1", "B1-Entree", "Z", "Onderwijs"], dtype=object)
B1, ENTREE, Z, ONDERWIJS = range(4)
VISTA_ROUTES = np.array(["b1", "b1_entree", "z", "onderwijs"], dtype=object)

# Status columns of the event matrix, in the order a person passes them.
STAGES = ("Aangemeld", "Intake", "PIP", "Actief", "Verlengd")
END_KINDS = np.array(["Voldaan", "Ontheffing", "Boete"], dtype=object)
LEAVE_KINDS = np.array(["Verhuisd", "Vertrokken"], dtype=object)

AZC_MAASTRICHT = "AZC Maastricht François de Veijestraat"
MARIENWAARD = "Noodopvang Mariënwaard"
AMV_CADIER = "AMV Cadier en Keer"
OTHER_AZCS = ("AZC Echt", "AZC Sweikhuizen", "AZC Venlo", "AZC Weert", "AZC Budel",
              "AZC Heerlen", "AZC Ter Apel")
NATIONAL_AZCS = ("AZC Ter Apel", "AZC Budel", "AZC Zwolle", "AZC Amersfoort", "AZC Gilze",
                 "AZC Assen", "AZC Arnhem", "AZC Delfzijl", "AZC Emmen", "AZC Grave",
                 "AZC Utrecht", "AZC Den Helder", "AZC Dronten", "AZC Rijswijk", "AZC Venlo",
                 "AZC Echt", "AZC Oisterwijk", "AZC Leeuwarden", "AZC Wageningen", "AZC Almere")

SOORTEN = ("Vrijwilligerswerk", "Stage", "Werkervaringsplaats", "Leerwerktraject", "Betaald werk",
           "Activeringsprogramma", "Taalmaatje", "Sport en cultuur", "Opleiding")
(VRIJWILLIG, STAGE, WEP, LEERWERK, BETAALD, ACTIVERING, TAALMAATJE, SPORT, OPLEIDING) = range(9)
# Episode kinds per leerroute; betaald werk grows with time since housing.
SOORT_MIX = {
    B1: ((VRIJWILLIG, .32), (STAGE, .13), (WEP, .13), (LEERWERK, .07), (BETAALD, .18),
         (SPORT, .07), (OPLEIDING, .10)),
    ENTREE: ((VRIJWILLIG, .25), (STAGE, .25), (WEP, .15), (LEERWERK, .15), (BETAALD, .10),
             (OPLEIDING, .10)),
    Z: ((VRIJWILLIG, .55), (SPORT, .20), (WEP, .15), (BETAALD, .05), (LEERWERK, .05)),
    ONDERWIJS: ((OPLEIDING, .50), (VRIJWILLIG, .30), (BETAALD, .20)),
}
AANBIEDERS = {
    VRIJWILLIG: ("Consulent", "Grenzeloos", "WereldWijd", "Eigen netwerk", "Meedoenbalie"),
    STAGE: ("Podium24", "MTB", "Annex", "Praktech"),
    WEP: ("Podium24", "MTB", "Annex"),
    LEERWERK: ("Podium24", "Praktech"),
    BETAALD: ("Podium24", "MTB", "Annex", "UAF", "Eigen netwerk"),
    ACTIVERING: ("Consulent",),
    TAALMAATJE: ("WereldWijd", "Grenzeloos"),
    SPORT: ("Consulent", "Meedoenbalie"),
    OPLEIDING: ("UAF", "Consulent"),
}
ORGANISATIES = {
    VRIJWILLIG: ("Repair Café Maastricht", "Voedselbank Maastricht", "Bibliotheek Centre Céramique",
                 "Stichting Wereldwijd", "Kringloop Zuid", "Rode Kruis Zuid-Limburg",
                 "Zorgcentrum De Zeven Bronnen", "Crèche Het Zonnetje", "Buurtcentrum Malberg"),
    STAGE: ("Zuyderland Zorg", "Hotel Derlon", "Technische Dienst Gemeente Maastricht",
            "Bakkerij Bisschopsmolen", "Garage Heuvelland"),
    WEP: ("Kringloop Zuid", "Groenbedrijf Zuid-Limburg", "Keuken van Maastricht",
          "Fietsenwerkplaats Wyck", "Schoonmaakbedrijf Vrijthof"),
    LEERWERK: ("Medtronic Kerkrade", "In de zorg, uit de zorg (Sittard)", "Bouwcampus Zuid",
               "Praktech Techniekschool"),
    BETAALD: ("Vebego Schoonmaak", "Logistiek Beatrixhaven", "Thuiszorg Zuid-Limburg",
              "Horeca Vrijthof", "Zuyderland Zorg", "Bouwbedrijf Heuvelland", "Sappi Maastricht",
              "Café De Bóbbel"),
    ACTIVERING: ("Maastricht Sport & Kaleidoscoop",),
    TAALMAATJE: ("Taalmaatjes WereldWijd", "Taalcafé Grenzeloos", "Refugee Project Maastricht"),
    SPORT: ("Maastricht Sport", "Kaleidoscoop", "KCEM", "Sportclub Heer"),
    OPLEIDING: ("Zuyd Hogeschool", "Universiteit Maastricht", "VISTA-college mbo"),
}
MEEDOEN_ORGANISATIES = ("COA #Meedoenbalie", "Repair Café Maastricht", "Sportclub Heer",
                        "Stichting Wereldwijd")
# Hours per week (low, high), multiples of half an hour.
HOURS = {VRIJWILLIG: (4, 12), STAGE: (16, 32), WEP: (16, 24), LEERWERK: (24, 32),
         BETAALD: (12, 38), ACTIVERING: (4, 4), TAALMAATJE: (1.5, 2), SPORT: (2, 4),
         OPLEIDING: (8, 20)}
PLANNED_END_KNOWN = (STAGE, WEP, LEERWERK, ACTIVERING, OPLEIDING)

UITVAL_REDENEN = {
    "Verhuisd": "verhuisd naar andere gemeente",
    "Vertrokken": "vertrokken, adres onbekend",
    "Ontheffing": "ontheffing, medische redenen",
}
OTHER_UITVAL = np.array(["psychische klachten", "werk overdag, lessen niet te combineren",
                         "kinderopvang niet geregeld", "zwangerschap", "langdurig ziek"], dtype=object)

SURVEY = (  # statement, mean in the first year, gain per year in NL
    ("Banden", 3.9, 0.05), ("Connecties", 2.6, 0.30), ("Bruggen", 3.0, 0.30),
    ("Vertrouwen gemeente", 3.6, 0.05), ("Veilig in buurt", 4.0, 0.05), ("Digitaal", 2.4, 0.40),
    ("Cultuur", 2.8, 0.30), ("Gezondheid", 3.3, 0.05), ("Vrije tijd", 2.7, 0.20),
    ("Rechten", 3.1, 0.30),
)

INBURGERAARS_HEADER = (
    "BSN", "V-nummer", "Gemeentecode", "Doelgroep", "Geslacht", "Geboortedatum",
    "Land van herkomst", "Datum vergunning", "Datum koppeling", "Datum huisvesting",
    "Huishoudgrootte", "Wijkcode", "Datum brede intake", "Datum PIP", "Leerroute",
    "Alfabetisering", "Datum start leerroute", "Status", "Datum status", "Datum MAP afgerond",
    "Datum KNM afgerond", "Datum PVT afgerond", "Datum Protect", "Uitkomst Protect",
    "Kinderopvang nodig", "Kinderopvang geregeld", "Digid")
PARTICIPATIE_HEADER = ("BSN", "Activiteit-ID", "Soort", "Organisatie", "Aanbieder",
                       "Datum aanmelding", "Datum start", "Datum einde", "Uren per week")
UITKERINGEN_HEADER = ("BSN", "Maand", "Participatiewet", "Inkomen uit werk", "Ontzorging")
KOPPELINGEN_HEADER = ("V-nummer", "Gekoppelde gemeente", "Datum koppeling", "Locatie",
                      "Voorinburgering gestart", "Voorinburgering afgerond",
                      "Uren voorinburgering", "Meedoenbalie", "Datum uitstroom")
BEZETTING_HEADER = ("Locatie", "Gemeente", "Type opvang", "Capaciteit", "Bezetting",
                    "Waarvan vergunninghouders", "Waarvan niet in BRP", "Waarvan minderjarig")
VISTA_HEADER = ("bsn", "leerroute", "startdatum", "peildatum", "geplande_lesuren",
                "gevolgde_lesuren", "roosterwijzigingen", "niveau_lezen", "niveau_luisteren",
                "niveau_spreken", "niveau_schrijven", "examen_datum", "examen_behaald",
                "avondonderwijs_wens", "uitgevallen", "reden_uitval")
LEVELS = np.array(["A0", "A1", "A2", "B1", "B2"], dtype=object)

# (Programma, Budgetnummer, Naam, Soort, amounts 2024-2027, Raming, thousand style)
BEGROTING = (
    ("6.1", "570610401", "Tijdelijke opvang dak- en thuisloze vluchtelingen", "Lasten",
     (108654, 108654, 108654, 108654), "N", "int"),
    ("6.1", "570610904", "Vluchtelingen", "Lasten", (150000,) * 4, "N", "int"),
    ("", "", "Faciliteitenbesluit opvangcentra", "Baten", (175000,) * 4, "J", "int"),
    ("6.1", "570610901", "VluchtelingenWerk", "Lasten", (106220, 100220, 94220, 88220), "J", "int"),
    ("6.1", "570610905", "Inburgering", "Lasten", (620987, 524869, 525191, 525191), "N", "int"),
    ("", "", "Specifieke uitkering Wet inburgering 2021", "Baten", (1250000,) * 4, "J", "cents"),
    ("6.1", "075597128", "Vreemdelingen", "Reserve", (400000,) * 4, "J", "cents"),
    ("6.1", "570610905", "Kosten totale basisformatie (7,17 fte)", "Lasten", (380219,) * 4, "N", "int"),
    ("6.1", "570610905", "Kosten tijdelijke extra inzet 2024 en 2025", "Lasten",
     (107340, 107340, None, None), "N", "int"),
    ("6.1", "570610905", "Kosten tijdelijke extra inzet beleidsmedewerker inburgering", "Lasten",
     (88454, 66341, None, None), "N", "int"),
    ("6.1", "570610905", "Totaal uitvoeringsmiddelen Inburgering (obv begroting)", "Lasten",
     (645205, 549087, 549087, 549087), "N", "cents"),
)

# Bijlage 3 of 002 with Uitvoering and Financiering from the summary tables.
# The quarters are reconstructed from the text (tender end dates, "starten in
# september 2024", "verlengd vanaf 2026"); the Gantt bars themselves are lost.
ACTIES = (
    ("T1", "Taal", "We gaan asielstatushouders gekoppeld aan de gemeente Maastricht actief aansporen aan de voorinburgering deel te nemen en deze af te ronden.", "Beleid inburgering i.s.m. medewerker COA en communicatie. Consulenten inburgering.", "Binnen reguliere taken van medewerkers.", "2024-Q2", "2027-Q4"),
    ("T2", "Taal", "Gemeente en het COA spelen gezamenlijk actief in op de resultaten van het onderzoek gericht op deelname van de voorinburgering.", "Beleid en consulenten inburgering.", "Binnen reguliere taken van medewerkers.", "2024-Q3", "2025-Q2"),
    ("T3", "Taal", "We creëren een doorlopende leerlijn op het gebied van taal en starten de inburgering waar mogelijk tijdens het verblijf in het azc.", "Beleid inburgering, consulenten inburgering, COA", "Bestaand budget inburgering.", "2024-Q2", "2027-Q4"),
    ("T4", "Taal", "We sturen ten aanzien van inburgeringsonderwijs bij het VISTA-college op zo min mogelijk roosterwijzigingen en het aanbieden van avondonderwijs.", "Beleid inburgering i.s.m. VISTA-college.", "Bestaand budget inburgering.", "2024-Q2", "2025-Q4"),
    ("T5", "Taal", "Aanbesteding onderwijsroute (huidige aanbesteding verloopt 31 juli 2024).", "Beleid inburgering i.s.m. regiogemeenten.", "Bestaand budget inburgering.", "2024-Q1", "2024-Q3"),
    ("T6", "Taal", "Aanbesteding B1-route en Z-route (huidige aanbestedingen verlopen 31 december 2025).", "Beleid inburgering i.s.m. regiogemeenten.", "Bestaand budget inburgering.", "2025-Q1", "2025-Q4"),
    ("T7", "Taal", "We brengen taalrijke initiatieven in de stad verder in kaart en breiden uit waar nodig. Consulenten verwijzen actief naar deze initiatieven.", "Beleid inburgering i.s.m. beleid maatschappelijke ontwikkeling.", "Waar mogelijk binnen reguliere budgetten", "2024-Q3", "2026-Q2"),
    ("T8", "Taal", "Minimaal jaarlijks worden de ingezette acties met de betrokken partijen geëvalueerd.", "Beleid inburgering.", "", "2024-Q4", "2027-Q4"),
    ("P1", "Participatie", "We verstevigen de samenwerking tussen Meedoenbalie en consulenten om te zorgen voor een doorlopende lijn op het gebied van participatie.", "Consulenten inburgering i.s.m. casemanager COA.", "Binnen reguliere taken medewerkers.", "2024-Q2", "2024-Q4"),
    ("P2", "Participatie", "Consulenten participatieplaatsen krijgen een actievere rol in de bemiddeling van statushouders naar participatiemogelijkheden. De consulent inburgering blijft regie behouden.", "Consulenten participatieplaatsen en teammanager Werk & Participatie.", "Bestaand budget re-integratie + € 35.000 tijdelijk extra inzet SPUK inburgering", "2024-Q2", "2025-Q2"),
    ("P3", "Participatie", "Het aantal participatiemogelijkheden wordt verder in kaart gebracht en uitgebreid. We kijken ook naar interne opties.", "Consulent participatieplaatsen i.s.m. beleid inburgering.", "Binnen reguliere taken medewerkers. € 15.000 tijdelijk extra inzet SPUK inburgering.", "2024-Q2", "2027-Q4"),
    ("P4", "Participatie", "We brengen re-integratiepartners in positie om de vervolgstap richting betaald werk te maken.", "Consulenten inburgering i.s.m. beleid inburgering en sociale zekerheid.", "Binnen reguliere taken medewerkers.", "2024-Q3", "2025-Q4"),
    ("P5", "Participatie", "We gaan inzetten op een team sleutelpersonen die een brug slaan tussen asielstatushouders, gemeente en ketenpartners. We gaan hier een leerwerktraject voor ontwikkelen.", "Beleid inburgering, teammanager Werk & Participatie mogelijk i.s.m. re-integratiepartners.", "Waar mogelijk binnen bestaand budget.", "2024-Q3", "2025-Q2"),
    ("P6", "Participatie", "We gaan inzetten op sleutelpersonen die een brug slaan tussen asielstatushouders, gemeente en ketenpartners.", "Beleid inburgering, teammanager Werk & Participatie.", "Waar mogelijk binnen bestaand budget.", "2025-Q3", "2027-Q4"),
    ("P7", "Participatie", "We ontwikkelen het activeringsprogramma in de Z-route en starten in september 2024.", "Beleid inburgering/cultuur/sport, consulent inburgering, consulent sport en consulent cultuur.", "Budget Sport en Cultuur € 22.000 p.j. vanuit extra budget SPUK inburgering", "2024-Q2", "2024-Q3"),
    ("P8", "Participatie", "Minimaal jaarlijks worden de ingezette acties met de betrokken partijen geëvalueerd.", "Beleid inburgering.", "", "2024-Q4", "2027-Q4"),
    ("W1", "Betaald werk", "We zorgen voor duurzame uitstroom naar werk door aan te sluiten op het potentieel. Er wordt actief gezocht naar nieuwe werkgevers.", "Beleid Sociale Zekerheid, beleid inburgering, Podium24.", "Bestaand budget re-integratie en reguliere taken medewerkers.", "2024-Q2", "2027-Q4"),
    ("W2", "Betaald werk", "We sturen en monitoren onze re-integratiepartners actief aan op deze werkwijze.", "Beleid Sociale Zekerheid en beleid inburgering.", "Binnen reguliere taken medewerkers.", "2024-Q2", "2027-Q4"),
    ("W3", "Betaald werk", "We bieden statushouders die in het azc verblijven de mogelijkheid om al bemiddeld te worden naar betaald werk.", "COA, consulent inburgering, Podium24.", "Bestaand budget re-integratie.", "2024-Q3", "2025-Q4"),
    ("W4", "Betaald werk", "We blijven consulenten, ketenpartners en werkgevers actief informeren over de mogelijkheden rondom re-integratievoorzieningen.", "Beleid Sociale Zekerheid.", "Binnen reguliere taken medewerkers.", "2024-Q3", "2027-Q4"),
    ("W5", "Betaald werk", "We onderzoeken de mogelijkheden om leerwerktrajecten waar aandacht is voor taalontwikkeling uit te breiden.", "Beleid Sociale Zekerheid, beleid inburgering, re-integratiepartners.", "Waar mogelijk binnen bestaand budget re-integratie.", "2024-Q4", "2025-Q4"),
    ("W6", "Betaald werk", "We realiseren een goede samenwerking tussen team inburgering en het Focusteam.", "Teammanager Werk & Participatie, beleid Sociale Zekerheid", "Binnen reguliere taken medewerkers.", "2024-Q2", "2024-Q4"),
    ("W7", "Betaald werk", "Jaarlijks volgt een evaluatie met UAF en waar mogelijk wordt het convenant opnieuw verlengd vanaf 2026.", "Beleid Sociale Zekerheid en beleid inburgering.", "Bestaand budget re-integratie.", "2024-Q4", "2026-Q1"),
    ("W8", "Betaald werk", "Minimaal jaarlijks worden de ingezette acties met de betrokken partijen geëvalueerd.", "Beleid inburgering.", "", "2024-Q4", "2027-Q4"),
    ("B1", "Borging", "We herijken jaarlijks de personele inzet.", "Teammanager Werk & Participatie.", "Bestaand budget inburgering.", "2024-Q4", "2027-Q4"),
    ("B2", "Borging", "We gaan verder met het ontwikkelen van een dashboard zodat we beter impact gedreven kunnen werken.", "Bedrijfsvoering, Teammanager Werk & Participatie, beleid inburgering.", "Bestaand budget sociaal.", "2024-Q1", "2025-Q4"),
    ("B3", "Borging", "Er wordt een InburgeRaad als klankbordgroep gestart zodat we kunnen leren van asielstatushouders die het inburgeringstraject (hebben) doorlopen.", "Beleid inburgering.", "€ 5.000 extra middelen SPUK inburgering", "2024-Q3", "2025-Q1"),
    ("A1", "Aandachtspunten", "De Protect-vragenlijst wordt geïmplementeerd in de werkwijze van team inburgering.", "Beleid inburgering en medewerker vakmanschap.", "Binnen reguliere taken medewerkers.", "2024-Q2", "2024-Q4"),
    ("A2", "Aandachtspunten", "Consulenten worden getraind in het bespreekbaar maken van psychische klachten bij asielstatushouders.", "Consulenten inburgering.", "€ 10.000 extra inzet SPUK inburgering.", "2024-Q3", "2025-Q1"),
    ("A3", "Aandachtspunten", "De bestaande interventies ten aanzien van psychische klachten worden verder in kaart gebracht. Waar nodig onderzoeken we of dit aanbod uitgebreid moet worden.", "Beleid inburgering i.s.m. beleid maatschappelijke ontwikkeling.", "€ 12.000 extra inzet SPUK inburgering.", "2024-Q3", "2025-Q2"),
    ("A4", "Aandachtspunten", "We willen onderzoeken wat er ten aanzien van kinderopvang mogelijk is voor asielstatushouders waar dit belemmert om de inburgeringsverplichtingen na te komen.", "Beleid inburgering, beleid jeugd & onderwijs, mogelijk diverse externe partners.", "Nader te onderzoeken", "2024-Q4", "2025-Q4"),
    ("A5", "Aandachtspunten", "Ten aanzien van de positie van de vrouwelijke inburgeraars willen we onderzoeken welke aanknopingspunten uit de handreiking van het Verwey-Jonker instituut geïmplementeerd kunnen worden om deze positie te versterken.", "Afhankelijk van acties wordt dit nader bepaald.", "Nader te onderzoeken", "2025-Q1", "2025-Q4"),
)
ACTIE_TOELICHTING = {
    "Afgerond": ("Afgerond volgens planning.", "Afgerond en geëvalueerd met de ketenpartners.",
                 "Afgerond; borging in de reguliere werkwijze."),
    "Loopt": ("Loopt volgens planning.", "Loopt; voortgang besproken in het uitvoeringsoverleg.",
              "Loopt; eerste resultaten zijn positief."),
    "Vertraagd": ("Vertraagd door beperkte capaciteit in team inburgering.",
                  "Vertraagd: afstemming met ketenpartners kost meer tijd.",
                  "Vertraagd; planning wordt bijgesteld in de jaarlijkse evaluatie."),
    "Niet gestart": ("Start volgens planning.", "Nog niet gestart."),
}
ACTIE_SPECIFIEK = {
    "P7": ("Pilot gestart in september 2024 met Maastricht Sport en Kaleidoscoop; "
           "€ 22.000 p.j. uit de SPUK."),
    "T5": "Nieuwe onderwijsroute gegund per 1 augustus 2024.",
    "A1": "Protect wordt afgenomen bij de brede intake; consulenten zijn getraind.",
}


@dataclass(frozen=True)
class PlantedRow:
    file: str  # relative to the drop, as the load report names it
    row: int  # data row, header = 0 (COA sheets: first row under the header = 1)
    column: str  # contract header of the column that breaks the contract
    what: str


@dataclass
class DemoSummary:
    out: Path
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


# ---------------------------------------------------------------- formatting


@functools.lru_cache(maxsize=1)
def _date_tables() -> tuple[np.datetime64, np.ndarray, np.ndarray]:
    """Every date from 1940 to 2060 formatted once: fancy indexing into these
    formats millions of dates without a Python call per date."""
    days = pd.date_range("1940-01-01", "2060-12-31", freq="D")
    return (np.datetime64("1940-01-01", "D"), days.strftime("%d-%m-%Y").to_numpy(object),
            days.strftime("%Y-%m-%d").to_numpy(object))


def fmt_date(d: np.ndarray, iso: bool = False) -> np.ndarray:
    base, nl, isotab = _date_tables()
    out = np.full(d.shape, "", dtype=object)
    ok = ~np.isnat(d)
    out[ok] = (isotab if iso else nl)[(d[ok] - base).astype(np.int64)]
    return out


def fmt_jn(flag: np.ndarray, known: np.ndarray | None = None, yes="J", no="N") -> np.ndarray:
    out = np.where(flag, yes, no).astype(object)
    if known is not None:
        out[~known] = ""
    return out


def fmt_half_hours(x: np.ndarray) -> np.ndarray:
    """Hours on a half-hour grid with a decimal comma: 6,5 (never negative here)."""
    halves = np.rint(np.asarray(x, float) * 2).astype(np.int64)
    table = np.array([f"{h // 2},{5 * (h % 2)}" for h in range(int(halves.max(initial=0)) + 1)],
                     dtype=object)
    return table[halves]


def fmt_dutch_int(n: int) -> str:
    """108654 -> '108.654' (thousand dots)."""
    return f"{n:,}".replace(",", ".")


def _map_unique(values: np.ndarray, fn) -> np.ndarray:
    """Apply fn once per distinct value (free text comes from small vocabularies)."""
    codes, uniq = pd.factorize(np.asarray(values, dtype=object))
    return np.array([fn(v) for v in uniq], dtype=object)[codes] if len(codes) else values


def csv_text(values: np.ndarray, sep: str) -> np.ndarray:
    """Quote free text only where the delimiter or a quote forces it."""
    return _map_unique(values, lambda v: f'"{v.replace(chr(34), chr(34) * 2)}"'
                       if (sep in v or '"' in v) else v)


def pad_some(values: np.ndarray, rng: np.random.Generator, share: float) -> np.ndarray:
    """Surrounding spaces, as hand-edited exports carry them."""
    out = values.copy()
    hit = (rng.random(len(out)) < share) & (out != "")
    out[hit] = " " + out[hit] + " "
    return out


def _arrow_text(values) -> pa.Array:
    return values if isinstance(values, pa.Array) else pa.array(np.asarray(values, dtype=object), pa.string())


def concat(parts) -> pa.Array:
    """Element-wise string concatenation in Arrow (scalars broadcast)."""
    return pc.binary_join_element_wise(*[p if isinstance(p, str) else _arrow_text(p) for p in parts], "")


def _buffer_bytes(arr: pa.Array) -> bytes:
    """All values of a string array back to back: its data buffer, no copy per value."""
    if not len(arr):
        return b""
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4)
    return memoryview(arr.buffers()[2])[offsets[0]:offsets[-1]].tobytes()


def write_csv(path: Path, header, columns, *, sep=";", encoding="utf-8-sig",
              newline="\r\n", trailing_empty_lines=0) -> int:
    """Each row is its columns joined by Arrow; the file is the joined buffer."""
    n = len(columns[0]) if columns else 0
    parts = []
    for i, col in enumerate(columns):
        parts.extend([sep, col] if i else [col])
    body = _buffer_bytes(concat([*parts, newline])) if n else b""
    data = (sep.join(header) + newline).encode() + body + (newline * trailing_empty_lines).encode()
    if encoding == "cp1252":
        data = data.decode("utf-8").encode("cp1252")
    elif encoding == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return n


# ---------------------------------------------------------------- xlsx


FIXED_TIME = dt.datetime(2024, 1, 1)


@functools.lru_cache(maxsize=4)
def _xlsx_template(sheet: str) -> tuple[dict[str, bytes], str]:
    """The package openpyxl writes for an empty sheet with one date cell (so
    its stylesheet carries a date format), and that cell's style id. Cell data
    is written by `xlsx_bytes` itself: openpyxl needs ~2 s per 10.000 rows, and
    the national koppelingen hold ~700.000."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = dt.date(2000, 1, 1)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    # openpyxl stamps the save time as modified, whatever the property says.
    parts["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
        rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
        parts["docProps/core.xml"])
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    style = re.search(r'<c r="A1"[^>]*\bs="(\d+)"', sheet_xml).group(1)
    return parts, style


def _xml_escape(values: pa.Array) -> pa.Array:
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        values = pc.replace_substring(values, char, entity)
    return values


def _col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _cells(kind: str, values, refs: pa.Array, date_style: str) -> pa.Array:
    """XML of one column's cells; empty values give no cell at all."""
    if kind == "str":
        v = _arrow_text(values)
        ok = pc.not_equal(v, "")
        cell = concat(['<c r="', refs, '" t="inlineStr"><is><t>', _xml_escape(v), "</t></is></c>"])
    elif kind == "date":
        v = np.asarray(values, dtype=D)
        ok = ~np.isnat(v)
        serial = np.where(ok, (v - np.datetime64("1899-12-30", "D")).astype(np.int64), 0)
        serial = serial.astype(str).astype(object)
        cell = concat(['<c r="', refs, f'" s="{date_style}"><v>', serial, "</v></c>"])
        ok = pa.array(ok)
    else:  # number
        v = np.asarray(values, dtype=float)
        ok = ~np.isnan(v)
        whole = np.where(ok, np.round(v), 0)
        text = np.where(v == whole, whole.astype(np.int64).astype(str), v.astype(str)).astype(object)
        cell = concat(['<c r="', refs, '"><v>', text, "</v></c>"])
        ok = pa.array(ok)
    return pc.if_else(ok, cell, "")


def xlsx_bytes(sheet: str, header, columns, *, title: str | None = None,
               total: list | None = None) -> bytes:
    """One sheet: optional title row and empty row, the header, the data
    (columns are (kind, values) with kind str/date/num), an optional total row."""
    package, date_style = _xlsx_template(sheet)
    n = len(columns[0][1]) if columns else 0
    lead = []
    if title is not None:
        lead.append([title])
        lead.append([])
    lead.append(list(header))
    first_data = len(lead) + 1

    def small_row(r: int, values) -> bytes:
        # Title, header and total: a few cells, formatted directly.
        cells = []
        for c, v in enumerate(values):
            ref = f"{_col_letter(c)}{r}"
            if isinstance(v, str):
                text = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
            elif v is not None:
                cells.append(f'<c r="{ref}"><v>{v:g}</v></c>')
        return (f'<row r="{r}">' + "".join(cells) + "</row>").encode()

    rows_xml = [small_row(r, cells) for r, cells in enumerate(lead, start=1)
                if cells]  # the empty row under the title has no element
    if n:
        rownum = np.arange(first_data, first_data + n).astype(str).astype(object)
        parts = ['<row r="', rownum, '">']
        for c, (kind, values) in enumerate(columns):
            parts.append(_cells(kind, values, concat([_col_letter(c), rownum]), date_style))
        rows_xml.append(_buffer_bytes(concat([*parts, "</row>"])))
    last = first_data + n - 1
    if total is not None:
        last += 1
        rows_xml.append(small_row(last, total))
    sheet_xml = package["xl/worksheets/sheet1.xml"].decode()
    dim = f"A1:{_col_letter(len(header) - 1)}{max(last, first_data - 1)}"
    sheet_xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dim}" />', sheet_xml)
    head, tail = re.split(r"<sheetData>.*</sheetData>", sheet_xml, flags=re.S)
    sheet = head.encode() + b"<sheetData>" + b"".join(rows_xml) + b"</sheetData>" + tail.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in package.items():
            # A fixed timestamp per entry: same seed, same bytes.
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.create_system = 0
            z.writestr(info, sheet if name == "xl/worksheets/sheet1.xml" else data,
                       compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return buf.getvalue()


# ---------------------------------------------------------------- identifiers


def make_bsns(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct 9-digit BSNs valid under the elfproef; ~8% start with a zero
    (never two: Excel would strip both and the contract only pads one)."""
    weights = np.array([9, 8, 7, 6, 5, 4, 3, 2])
    found = np.empty(0, dtype=np.int64)
    while len(found) < n:
        k = int((n - len(found)) * 1.25) + 16
        d = rng.integers(0, 10, size=(k, 8))
        d[:, 0] = np.where(rng.random(k) < 0.08, 0, rng.integers(1, 10, k))
        d[:, 1] = np.where(d[:, 0] == 0, rng.integers(1, 10, k), d[:, 1])
        check = (d * weights).sum(axis=1) % 11
        ok = check != 10
        nums = (d[ok] @ (10 ** np.arange(8, 0, -1))) + check[ok]
        found = np.concatenate([found, nums])
        _, first = np.unique(found, return_index=True)
        found = found[np.sort(first)]
    return np.char.zfill(found[:n].astype(str), 9).astype(object)


def elfproef_ok(bsn: str) -> bool:
    bsn = bsn.strip().zfill(9) if len(bsn.strip()) == 8 else bsn.strip()
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    return (sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1))) - int(bsn[8])) % 11 == 0


def make_vnummers(rng: np.random.Generator, n: int) -> np.ndarray:
    nums = np.empty(0, dtype=np.int64)
    while len(nums) < n:
        nums = np.concatenate([nums, rng.integers(2_000_000_000, 9_999_999_999, int(n * 1.1) + 8)])
        _, first = np.unique(nums, return_index=True)
        nums = nums[np.sort(first)]
    return nums[:n].astype(str).astype(object)


# ---------------------------------------------------------------- time helpers


def _dd(x: dt.date) -> np.datetime64:
    return np.datetime64(x, "D")


def _days(x) -> np.ndarray:
    return np.rint(np.asarray(x, float)).astype(np.int64).astype("timedelta64[D]")


def _uniform_dates(rng, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    span = (hi - lo).astype(np.int64) + 1
    return lo + np.floor(rng.random(len(lo)) * span).astype(np.int64).astype("timedelta64[D]")


def month_index(d: np.ndarray) -> np.ndarray:
    m = d.astype("datetime64[M]").astype(np.int64) - MONTH0.astype(np.int64)
    return np.where(np.isnat(d), NO_MONTH, m)


def _month_bounds(m: int) -> tuple[np.datetime64, np.datetime64]:
    start = (MONTH0 + m).astype(D)
    return start, (MONTH0 + m + 1).astype(D) - np.timedelta64(1, "D")


def _minmax_date(a: np.ndarray, b: np.ndarray, fn) -> np.ndarray:
    """Element-wise min/max that treats NaT as absent."""
    out = np.where(np.isnat(a), b, np.where(np.isnat(b), a, fn(a, b)))
    return out.astype(D)


def _uniform_pick(rng, options, n: int) -> np.ndarray:
    return np.array(options, dtype=object)[rng.integers(0, len(options), n)]


def _choice(rng, options, n: int) -> np.ndarray:
    names = np.array([o[0] for o in options], dtype=object)
    p = np.array([o[1] for o in options], float)
    return names[rng.choice(len(names), size=n, p=p / p.sum())]


def _one_month_earlier(d: dt.date) -> dt.date:
    y, m = (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)
    last = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


# ---------------------------------------------------------------- region


def national_region(rng: np.random.Generator) -> tuple[Gemeente, ...]:
    """The five real municipalities plus synthetic ones, weighted so that the
    whole drop holds about NATIONAL_PERSONS persons."""
    raw = rng.lognormal(0.0, 0.9, NATIONAL_SYNTHETIC)
    persons_per_weight = 720 / sum(g.weight for g in REGIO)
    target = NATIONAL_PERSONS / persons_per_weight - sum(g.weight for g in REGIO)
    weights = raw / raw.sum() * target
    synthetic = tuple(
        Gemeente(f"GM{5001 + i}", f"Demogemeente {i + 1:03d}", (f"DEMOGEMEENTE {i + 1:03d}",),
                 float(w), int(np.clip(round(3 + 2 * np.log1p(w)), 2, 20)))
        for i, w in enumerate(weights))
    return REGIO + synthetic


# ---------------------------------------------------------------- persons


@dataclass
class Persons:
    """One array per attribute, one element per person, dates as datetime64[D]."""
    n: int
    gem: np.ndarray
    doelgroep: np.ndarray
    bsn: np.ndarray
    bsn_rank: np.ndarray  # position in BSN order: files sort by it without string sorts
    bsn_excel: np.ndarray  # as Excel shows it: a leading zero lost
    vnr: np.ndarray
    sex: np.ndarray
    birth: np.ndarray
    country: np.ndarray
    vergunning: np.ndarray
    koppeling: np.ndarray
    housing: np.ndarray
    registered: np.ndarray
    household: np.ndarray
    wijk: np.ndarray
    intake: np.ndarray
    pip: np.ndarray
    route: np.ndarray
    alfa: np.ndarray
    start: np.ndarray
    events: np.ndarray  # n x 7: STAGES, end event, leave event (NaT = none)
    end_kind: np.ndarray
    leave_kind: np.ndarray
    map_done: np.ndarray
    knm_done: np.ndarray
    pvt_done: np.ndarray
    protect: np.ndarray
    protect_outcome: np.ndarray
    kinderopvang_nodig: np.ndarray
    kinderopvang_geregeld: np.ndarray
    digid: np.ndarray
    # COA
    location: np.ndarray
    vi_start: np.ndarray  # NaT: voorinburgering not started
    vi_stop: np.ndarray  # NaT: followed to the end
    meedoen: np.ndarray  # NaT: never at the Meedoenbalie
    # income
    pw_end: np.ndarray  # first day without Participatiewet
    avond: np.ndarray
    attendance: np.ndarray
    # Fixed per person, so that every VISTA snapshot tells the same story.
    vista_noise: np.ndarray  # n x 8 uniforms

    @property
    def terminal(self) -> np.ndarray:
        """End of the inburgering: Voldaan/Ontheffing/Boete or leaving, whichever first."""
        return _minmax_date(self.events[:, 5], self.events[:, 6], np.minimum)


def _half_years(today: dt.date) -> list[tuple[int, int]]:
    horizon = today + dt.timedelta(days=400)
    out, y, h = [], 2022, 1
    while (y, h) <= (horizon.year, 1 if horizon.month <= 6 else 2):
        out.append((y, h))
        y, h = (y, 2) if h == 1 else (y + 1, 1)
    return out


def _hy_bounds(y: int, h: int) -> tuple[np.datetime64, np.datetime64]:
    return ((_dd(dt.date(y, 1, 1)), _dd(dt.date(y, 6, 30))) if h == 1
            else (_dd(dt.date(y, 7, 1)), _dd(dt.date(y, 12, 31))))


def _profile(g: Gemeente, hy: tuple[int, int]) -> float:
    """Asielstatushouders housed in half year hy per unit of weight."""
    table = MAASTRICHT_HOUSED if g.code in {r.code for r in REGIO} else SYNTHETIC_HOUSED
    return float(table.get(hy, table[max(table)]))


def _stochastic_round(rng, x: np.ndarray) -> np.ndarray:
    base = np.floor(x + 1e-9)
    return (base + (rng.random(x.shape) < (x - base))).astype(np.int64)


def generate_persons(gemeenten, today: dt.date, rng: np.random.Generator) -> Persons:
    today64 = _dd(today)
    hys = _half_years(today)
    housed = np.array([[_profile(g, hy) for hy in hys] for g in gemeenten])
    lagged = np.concatenate([housed[:, :1], housed[:, :1], housed[:, :-2]], axis=1)
    w = np.array([g.weight for g in gemeenten])
    expected = [w[:, None] * housed, w[:, None] * NAREIZIGERS_PER_HOUSED * lagged,
                np.outer(w, np.full(len(hys), GEZINSMIGRANTEN_PER_HALF_YEAR)),
                np.outer(w, np.full(len(hys), OVERIG_PER_HALF_YEAR))]
    gem_l, hy_l, grp_l = [], [], []
    gi, hi = np.meshgrid(np.arange(len(gemeenten)), np.arange(len(hys)), indexing="ij")
    for grp, exp in enumerate(expected):
        # Maastricht's housed asielstatushouders are whole numbers and stay
        # exact, so the seed's 134 in 2024 holds for every seed.
        counts = _stochastic_round(rng, exp)
        gem_l.append(np.repeat(gi.ravel(), counts.ravel()))
        hy_l.append(np.repeat(hi.ravel(), counts.ravel()))
        grp_l.append(np.full(counts.sum(), grp))
    gem, hy, grp = np.concatenate(gem_l), np.concatenate(hy_l), np.concatenate(grp_l)
    n = len(gem)
    hy_lo = np.array([_hy_bounds(*h)[0] for h in hys], dtype=D)[hy]
    hy_hi = np.array([_hy_bounds(*h)[1] for h in hys], dtype=D)[hy]
    asiel, nar = grp == ASIEL, grp == NAREIZIGER
    migrant = ~(asiel | nar)
    day = np.timedelta64(1, "D")

    # Asielstatushouders are drawn by housing date; koppeling and vergunning
    # lie before it. The AZC wait grew with the housing shortage (001 2.1.2).
    housing = np.full(n, NAT, dtype=D)
    koppeling = np.full(n, NAT, dtype=D)
    vergunning = np.full(n, NAT, dtype=D)
    first_possible = np.datetime64("2022-02-01", "D")
    housing[asiel] = _uniform_dates(rng, np.maximum(hy_lo[asiel], first_possible), hy_hi[asiel])
    year = housing[asiel].astype("datetime64[Y]").astype(int) + 1970
    median_wait = np.select([year <= 2022, year == 2023, year == 2024, year == 2025],
                            [95, 125, 150, 130], 115)
    wait = rng.lognormal(np.log(median_wait), 0.45)
    k = housing[asiel] - _days(wait)
    k = np.maximum(k, np.datetime64("2022-01-03", "D"))
    koppeling[asiel] = np.minimum(k, housing[asiel] - 7 * day)
    koppeling[nar] = _uniform_dates(rng, hy_lo[nar], hy_hi[nar])
    housing[nar] = koppeling[nar] + _days(rng.integers(0, 21, nar.sum()))
    has_k = asiel | nar
    vergunning[has_k] = np.maximum(koppeling[has_k] - _days(rng.integers(10, 60, has_k.sum())),
                                   LAW_START + _days(rng.integers(0, 3, has_k.sum())))
    vergunning[has_k] = np.minimum(vergunning[has_k], koppeling[has_k])
    vergunning[migrant] = _uniform_dates(rng, hy_lo[migrant], hy_hi[migrant])
    housing[migrant] = vergunning[migrant] + _days(rng.integers(3, 45, migrant.sum()))
    registered = np.where(has_k, koppeling, vergunning + _days(rng.integers(14, 60, n))).astype(D)

    # Keep whoever the municipality knows of today; the rest is the future.
    keep = registered <= today64
    idx = np.flatnonzero(keep)
    gem, grp, housing, koppeling, vergunning, registered = (
        gem[idx], grp[idx], housing[idx], koppeling[idx], vergunning[idx], registered[idx])
    n = len(idx)
    asiel, nar = grp == ASIEL, grp == NAREIZIGER
    migrant = ~(asiel | nar)
    has_k = asiel | nar

    # Demography.
    age = np.where(asiel, 16 + rng.gamma(2.2, 8.0, n),
                   np.where(nar, 16 + rng.gamma(2.0, 8.0, n), 19 + rng.gamma(3.0, 4.5, n)))
    age = np.clip(age, 16, 66)
    birth = vergunning - _days(age * 365.25)
    sex_p = np.select([asiel, nar], [0.62, 0.30], 0.33)
    u = rng.random(n)
    sex = np.where(u < sex_p, "M", np.where(u < 0.995, "V", "X")).astype(object)
    country = np.where(has_k, _choice(rng, COUNTRIES["asiel"], n),
                       _choice(rng, COUNTRIES["migrant"], n)).astype(object)
    household = np.where(asiel, np.where(rng.random(n) < 0.55, 1, 2 + rng.poisson(1.6, n)),
                         np.where(nar, 2 + rng.poisson(1.8, n), 1 + rng.poisson(1.0, n)))
    household = np.minimum(household, 9)
    wijken = np.array([g.wijken for g in gemeenten])[gem]
    wijk = 1 + np.floor(rng.random(n) * wijken).astype(int)

    # Intake and PIP: around housing for statushouders; the team's waiting
    # list (002 samenvatting) stretched this from 2023 to mid 2024.
    backlog = (housing >= np.datetime64("2023-01-01")) & (housing < np.datetime64("2024-07-01"))
    pip_delay = rng.lognormal(np.log(np.where(backlog, 110, 40)), 0.5)
    pip = housing + _days(pip_delay)
    early = has_k & (housing >= PROTECT_START) & (rng.random(n) < 0.25)  # action T3
    pip = np.where(early, np.maximum(housing - _days(rng.integers(20, 90, n)),
                                     koppeling + _days(rng.integers(25, 45, n))), pip).astype(D)
    m_delay = rng.lognormal(np.log(np.where(backlog, 120, 60)), 0.5)
    pip = np.where(migrant, registered + _days(m_delay + rng.integers(14, 50, n)), pip).astype(D)
    intake = pip - _days(rng.integers(14, 60, n))
    intake = np.maximum(intake, registered + _days(rng.integers(3, 14, n))).astype(D)
    pip = np.maximum(pip, intake + 7 * day).astype(D)
    start = (pip + _days(rng.integers(14, 75, n))).astype(D)

    age_at_pip = (pip - birth).astype(np.int64) / 365.25
    u = rng.random(n)
    route = np.where(u < 0.19, Z, B1)
    route = np.where((u >= 0.19) & (u < 0.25) & (age_at_pip < 27), ONDERWIJS, route)
    route = np.where((route == B1) & (pip >= B1_ENTREE_START) & (age_at_pip < 30)
                     & (rng.random(n) < 0.35), ENTREE, route)
    alfa = rng.random(n) < np.select([route == Z, route == ENTREE, route == B1], [0.55, 0.10, 0.06], 0.0)

    # Outcome: voldaan after a route-dependent time, or ontheffing, boete;
    # verlengd once the three-year termijn has passed without voldaan.
    median_dur = np.select([route == B1, route == ENTREE, route == Z], [820, 900, 1180], 880)
    dur = rng.lognormal(np.log(median_dur), 0.22)
    end_kind = np.zeros(n, dtype=int)
    ontheffing = rng.random(n) < np.where(route == Z, 0.12, 0.02)
    end_kind[ontheffing] = 1
    end = pip + _days(dur)
    end = np.where(ontheffing, pip + _days(rng.integers(200, 1000, n)), end).astype(D)
    late = (end - pip).astype(np.int64) > TERMIJN_DAYS
    boete = late & ~ontheffing & (rng.random(n) < 0.06)
    end_kind[boete] = 2
    end = np.where(boete, pip + _days(TERMIJN_DAYS + 1 + rng.integers(0, 90, n)), end).astype(D)
    verlengd = np.where(late & ~boete & ~ontheffing, pip + _days(np.full(n, TERMIJN_DAYS + 1)),
                        NAT).astype(D)
    # Leaving happens after housing for statushouders, which keeps the housed
    # counts exact.
    leaves = rng.random(n) < 0.085
    leave_kind = np.where(rng.random(n) < 0.7, 0, 1)
    leave = np.where(leaves, np.where(has_k, housing, registered) + _days(rng.integers(30, 1000, n)),
                     NAT).astype(D)
    events = np.stack([registered, intake, pip, start, verlengd, end, leave], axis=1)
    # Nothing happens after leaving.
    events[:, :6] = np.where(events[:, :6] > leave[:, None], NAT, events[:, :6])

    voldaan = (end_kind == 0) & ~np.isnat(events[:, 5])

    def _done(lo_delay, hi_delay, share, anchor):
        d = anchor + _days(rng.integers(lo_delay, hi_delay, n))
        d = np.where(rng.random(n) < share, d, NAT).astype(D)
        # Voldaan needs every part: done before the voldaan date.
        d = np.where(voldaan, np.minimum(_minmax_date(d, end, np.minimum),
                                         end - _days(rng.integers(1, 60, n))), d).astype(D)
        d = np.where(voldaan, np.maximum(d, anchor), d).astype(D)
        return np.where((d > leave) | (d > end) & ~voldaan, NAT, d).astype(D)

    map_done = _done(120, 400, 0.85, pip)
    knm_done = _done(200, 700, 0.80, start)
    pvt_done = _done(90, 420, 0.88, pip)
    protect = np.maximum(pip, PROTECT_START) + _days(rng.integers(0, 120, n))
    protect = np.where(rng.random(n) < np.where(pip >= PROTECT_START, 0.92, 0.55), protect, NAT).astype(D)
    protect = np.where((protect > _minmax_date(end, leave, np.minimum)), NAT, protect).astype(D)
    protect_outcome = _choice(rng, (("Geen signaal", .70), ("Signaal", .20), ("Doorverwezen", .10)), n)
    nodig = rng.random(n) < np.where((household >= 3) & (sex == "V"), 0.5,
                                     np.where(household >= 3, 0.3, 0.04))
    geregeld = nodig & (rng.random(n) < 0.55)
    digid = np.where(rng.random(n) < 0.88,
                     np.maximum(housing, intake) + _days(rng.exponential(200, n)), NAT).astype(D)

    # COA: four in every five start the voorinburgering (002 §3). A monthly
    # koppelingen file holds those not yet housed at the month's start: a
    # run in housing order. Blocks of five in that order keep every file at 80%.
    loc = np.full(n, "", dtype=object)
    national = len(gemeenten) > len(REGIO)
    regional = gem < len(REGIO)
    u = rng.random(n)
    loc_regio = np.where(u < 0.45, AZC_MAASTRICHT,
                         np.where(u < 0.60, MARIENWAARD, _uniform_pick(rng, OTHER_AZCS, n)))
    loc_regio = np.where((loc_regio == MARIENWAARD) & (koppeling > MARIENWAARD_LAST_DAY),
                         AZC_MAASTRICHT, loc_regio)
    loc_regio = np.where(age_at_pip < 18.2, AMV_CADIER, loc_regio)
    loc_nat = _uniform_pick(rng, NATIONAL_AZCS, n)
    loc[has_k] = np.where(regional | ~national, loc_regio, loc_nat)[has_k]
    loc[nar] = "AZC Ter Apel"
    order = np.flatnonzero(has_k)[np.argsort(housing[has_k], kind="stable")]
    blocks = np.zeros(len(order), dtype=bool)
    n_blocks = -(-len(order) // 5)
    pos = rng.integers(0, 5, n_blocks)  # the one in five who does not start
    start_flag = np.ones(n_blocks * 5, dtype=bool)
    start_flag[np.arange(n_blocks) * 5 + pos] = False
    blocks[:] = start_flag[:len(order)]
    vi_start = np.full(n, NAT, dtype=D)
    started = order[blocks]
    span = (koppeling[started] - vergunning[started]).astype(np.int64)
    vi_start[started] = vergunning[started] + _days(np.floor(rng.random(len(started)) * (span + 1)))
    vi_stop = np.where(rng.random(n) < 0.45, vi_start + _days(rng.integers(14, 84, n)), NAT).astype(D)
    meedoen = np.where(has_k & (rng.random(n) < 0.55),
                       koppeling + _days(rng.integers(0, 45, n)), NAT).astype(D)

    # Family migrants rarely qualify (their partner's income counts).
    pw_end = np.where(has_k, housing + _days(rng.lognormal(np.log(900), 0.5, n)),
                      np.where(rng.random(n) < 0.10, housing + _days(rng.integers(60, 720, n)),
                               LAW_START - np.timedelta64(1, "D")))
    pw_end = np.where(route == ONDERWIJS, np.minimum(pw_end, start + 90 * day), pw_end).astype(D)

    bsn = make_bsns(rng, n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(bsn, kind="stable")] = np.arange(n)
    excel = np.where(np.char.startswith(bsn.astype(str), "0"),
                     np.char.lstrip(bsn.astype(str), "0"), bsn.astype(str)).astype(object)
    return Persons(
        n=n, gem=gem, doelgroep=grp, bsn=bsn, bsn_rank=rank, bsn_excel=excel, vnr=np.where(
            has_k, make_vnummers(rng, n), "").astype(object),
        sex=sex, birth=birth.astype(D), country=country, vergunning=vergunning, koppeling=koppeling,
        housing=housing, registered=registered, household=household, wijk=wijk,
        intake=events[:, 1], pip=events[:, 2], route=route, alfa=alfa, start=events[:, 3],
        events=events, end_kind=end_kind, leave_kind=leave_kind, map_done=map_done,
        knm_done=knm_done, pvt_done=pvt_done, protect=protect, protect_outcome=protect_outcome,
        kinderopvang_nodig=nodig, kinderopvang_geregeld=geregeld, digid=digid, location=loc,
        vi_start=vi_start, vi_stop=vi_stop, meedoen=meedoen, pw_end=pw_end,
        avond=rng.random(n) < 0.18, attendance=np.clip(rng.beta(12, 2, n), 0.4, 1.0),
        vista_noise=rng.random((n, 8)))


def status_at(p: Persons, when: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Status and Datum status as of `when`: the last event on or before it."""
    seen = p.events <= when  # NaT compares False
    k = p.events.shape[1]
    last = k - 1 - np.argmax(seen[:, ::-1], axis=1)
    labels = np.empty(p.n, dtype=object)
    for j, name in enumerate(STAGES):
        labels[last == j] = name
    labels[last == 5] = END_KINDS[p.end_kind[last == 5]]
    labels[last == 6] = LEAVE_KINDS[p.leave_kind[last == 6]]
    return labels, p.events[np.arange(p.n), last]


# ---------------------------------------------------------------- activities


@dataclass
class Activities:
    person: np.ndarray
    soort: np.ndarray
    aanbieder: np.ndarray
    organisatie: np.ndarray
    aanmelding: np.ndarray
    start: np.ndarray
    end: np.ndarray  # NaT: open-ended
    hours: np.ndarray
    ident: np.ndarray


def _dual_target(t: np.ndarray) -> np.ndarray:
    """Share of time in a main participation episode. With taalmaatjes, paid
    work and the Meedoenbalie on top, this gives werk.duaal_pct ~40% early
    2024 (002) rising to 55-60% in 2026; the values were tuned by measuring."""
    x = (t - LAW_START).astype(np.int64)
    points = np.array([0, 730, 912, 1277, 1642, 2200])
    values = np.array([0.12, 0.21, 0.25, 0.34, 0.42, 0.44])
    return np.interp(x, points, values)


def generate_activities(p: Persons, today: dt.date, rng: np.random.Generator) -> Activities:
    horizon = _dd(today) + np.timedelta64(540, "D")
    chunks: list[dict] = []

    def add(person, soort, start, end, hours, aanmelding=None, aanbieder=None, organisatie=None):
        m = len(person)
        if not m:
            return
        if aanbieder is None:
            aanbieder = np.empty(m, dtype=object)
            organisatie = np.empty(m, dtype=object)
            for s in np.unique(soort):
                sel = soort == s
                aanbieder[sel] = _uniform_pick(rng, AANBIEDERS[s], sel.sum())
                organisatie[sel] = _uniform_pick(rng, ORGANISATIES[s], sel.sum())
        if aanmelding is None:
            # Podium24 promises a place within three months (002 §5).
            gap = np.where(aanbieder == "Podium24", rng.lognormal(np.log(45), 0.6, m),
                           rng.integers(0, 45, m))
            aanmelding = np.where(aanbieder == "Eigen netwerk", NAT, start - _days(gap)).astype(D)
        chunks.append(dict(person=person, soort=soort, aanbieder=aanbieder, organisatie=organisatie,
                           aanmelding=aanmelding, start=start, end=end, hours=hours))

    def hours_for(soort, route):
        lo = np.array([HOURS[s][0] for s in range(9)])[soort]
        hi = np.array([HOURS[s][1] for s in range(9)])[soort]
        h = lo + rng.random(len(soort)) * (hi - lo)
        # Z-route: 800 hours in three years is 5,1-6,6 hours a week (002 §4).
        zr = (route == Z) & ~np.isin(soort, (ACTIVERING, TAALMAATJE, BETAALD))
        h = np.where(zr, 5 + rng.random(len(soort)) * 2, h)
        return np.round(h * 2) / 2

    # Episodes of participation between the PIP and the end of the
    # inburgering, alternating with pauses whose length follows the target.
    has = ~np.isnat(p.pip)
    who = np.flatnonzero(has)
    w0 = p.pip[who] + _days(rng.integers(0, 30, len(who)))
    term = p.terminal[who]
    w_end = np.where(np.isnat(term), horizon, np.minimum(term, horizon)).astype(D)
    mean_on = 100.0
    target = _dual_target(w0)
    t = w0 + _days(rng.exponential(mean_on * (1 - target) / target * 0.35))
    first = np.ones(len(who), dtype=bool)
    for _ in range(40):
        alive = t < w_end
        if not alive.any():
            break
        pi, ts, we = who[alive], t[alive], w_end[alive]
        route = p.route[pi]
        m = len(pi)
        soort = np.empty(m, dtype=int)
        for r, mix in SOORT_MIX.items():
            sel = route == r
            opts = np.array([o[0] for o in mix])
            pr = np.array([o[1] for o in mix], float)
            soort[sel] = opts[rng.choice(len(opts), size=sel.sum(), p=pr / pr.sum())]
        months_housed = (ts - p.housing[pi]).astype(np.int64) / 30.4
        soort = np.where((route != Z) & (soort == VRIJWILLIG) & (months_housed > 18)
                         & (rng.random(m) < 0.35), BETAALD, soort)
        act = first[alive] & (route == Z) & (ts >= ACTIVERING_START) & (rng.random(m) < 0.6)
        soort = np.where(act, ACTIVERING, soort)
        length = np.where(soort == BETAALD, rng.exponential(420, m) + 60,
                          rng.exponential(mean_on, m) + 21)
        length = np.where(soort == ACTIVERING, 70, length)
        end = ts + _days(length)
        open_ended = end >= we
        end = np.where(open_ended, np.where(we >= horizon, NAT, we), end).astype(D)
        add(pi, soort, ts, end, hours_for(soort, route))
        # A taalmaatje alongside some episodes.
        tm = rng.random(m) < 0.3
        tm_start = ts[tm] + _days(rng.integers(0, 60, tm.sum()))
        tm_end = tm_start + _days(rng.integers(90, 300, tm.sum()))
        tm_end = np.where(tm_end >= we[tm], np.where(we[tm] >= horizon, NAT, we[tm]), tm_end).astype(D)
        ok = tm_start < we[tm]
        add(pi[tm][ok], np.full(ok.sum(), TAALMAATJE), tm_start[ok], tm_end[ok],
            hours_for(np.full(ok.sum(), TAALMAATJE), route[tm][ok]))
        pause_end = _minmax_date(end, we, np.minimum)
        tgt = _dual_target(pause_end)
        pause = rng.exponential(mean_on * (1 - tgt) / tgt)
        nxt = np.where(np.isnat(end), horizon, pause_end + _days(pause)).astype(D)
        t[alive] = nxt
        first[alive] = False

    # The Meedoenbalie in the AZC; most stop at housing (002 §4).
    mb = np.flatnonzero(~np.isnat(p.meedoen) & ((p.meedoen < p.housing) | np.isnat(p.housing)))
    mb_soort = np.where(rng.random(len(mb)) < 0.5, VRIJWILLIG, SPORT)
    carry_on = rng.random(len(mb)) < 0.3
    mb_end = np.where(carry_on, p.housing[mb] + _days(rng.integers(30, 180, len(mb))),
                      p.housing[mb] + _days(rng.integers(0, 14, len(mb)))).astype(D)
    mb_end = np.where(mb_end > p.terminal[mb], p.terminal[mb], mb_end).astype(D)
    add(mb, mb_soort, p.meedoen[mb], mb_end, np.round((2 + rng.random(len(mb)) * 4) * 2) / 2,
        aanmelding=p.meedoen[mb] - _days(rng.integers(0, 14, len(mb))),
        aanbieder=np.full(len(mb), "Meedoenbalie", dtype=object),
        organisatie=_uniform_pick(rng, MEEDOEN_ORGANISATIES, len(mb)))

    cat = {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}
    cat["start"] = cat["start"].astype(D)
    cat["end"] = cat["end"].astype(D)
    cat["aanmelding"] = np.minimum(cat["aanmelding"].astype(D), cat["start"]).astype(D)
    order = np.lexsort((cat["person"], cat["start"]))
    cat = {k: v[order] for k, v in cat.items()}
    year = cat["start"].astype("datetime64[Y]").astype(int) + 1970
    ident = np.char.add(np.char.add("PA", year.astype(str)),
                        np.char.add("-", np.char.zfill(np.arange(1, len(order) + 1).astype(str), 6)))
    soort = np.array(SOORTEN, dtype=object)[cat.pop("soort")]
    return Activities(ident=ident.astype(object), soort=soort, **cat)


# ---------------------------------------------------------------- writers per extract


@dataclass
class Table:
    """Columns of text as they will be written. Planting edits these and tags
    the rows it touches, so their final row numbers survive later inserts."""
    header: list[str]
    cols: list[np.ndarray]
    tags: np.ndarray | None = None

    def __post_init__(self):
        self.cols = [np.asarray(c, dtype=object) for c in self.cols]
        if self.tags is None:
            self.tags = np.full(len(self), "", dtype=object)

    def insert(self, pos: int, values: dict[str, str], tag: str) -> None:
        for i, h in enumerate(self.header):
            self.cols[i] = np.insert(self.cols[i], pos, values.get(h, ""))
        self.tags = np.insert(self.tags, pos, tag)

    def set(self, index: int, column: str, value: str, tag: str) -> None:
        self.cols[self.header.index(column)][index] = value
        self.tags[index] = tag

    def row_of(self, tag: str) -> int:
        """Data row number as the load report counts it (header = 0)."""
        return int(np.flatnonzero(self.tags == tag)[0]) + 1

    def __len__(self):
        return len(self.cols[0])


def inburgeraars_table(p: Persons, gemeenten, when: np.datetime64) -> tuple[Table, np.ndarray]:
    sel = np.flatnonzero(p.registered <= when)
    sel = sel[np.argsort(p.bsn_rank[sel])]

    def shown(d):
        d = d[sel]
        return fmt_date(np.where(d <= when, d, NAT).astype(D))

    status, status_date = status_at(p, when)
    housed = p.housing[sel] <= when
    pip_known = p.pip[sel] <= when
    intake_known = p.intake[sel] <= when
    codes = np.array([g.code for g in gemeenten], dtype=object)
    wijk = np.char.add(np.char.add("WK", np.char.replace(codes[p.gem[sel]].astype(str), "GM", "")),
                       np.char.zfill(p.wijk[sel].astype(str), 2)).astype(object)
    wijk[~housed] = ""
    protect_shown = p.protect[sel] <= when
    cols = [
        p.bsn[sel], p.vnr[sel], codes[p.gem[sel]], DOELGROEPEN[p.doelgroep[sel]], p.sex[sel],
        shown(p.birth), p.country[sel], shown(p.vergunning), shown(p.koppeling),
        shown(p.housing), p.household[sel].astype(str).astype(object), wijk, shown(p.intake),
        shown(p.pip), np.where(pip_known, ROUTES[p.route[sel]], "").astype(object),
        fmt_jn(p.alfa[sel], pip_known), shown(p.start), status[sel], fmt_date(status_date[sel]),
        shown(p.map_done), shown(p.knm_done), shown(p.pvt_done), shown(p.protect),
        np.where(protect_shown, p.protect_outcome[sel], "").astype(object),
        fmt_jn(p.kinderopvang_nodig[sel], intake_known),
        fmt_jn(p.kinderopvang_geregeld[sel], intake_known),
        fmt_jn(p.digid[sel] <= when, intake_known),
    ]
    return Table(list(INBURGERAARS_HEADER), cols), sel


def participatie_table(p: Persons, a: Activities, when: np.datetime64) -> Table:
    sel = np.flatnonzero(a.start <= when)
    sel = sel[np.lexsort((a.start[sel], p.bsn_rank[a.person[sel]]))]
    end = a.end[sel]
    planned = np.isin(a.soort[sel], [SOORTEN[s] for s in PLANNED_END_KNOWN])
    end_shown = np.where((end <= when) | planned, end, NAT).astype(D)
    cols = [p.bsn[a.person[sel]], a.ident[sel], a.soort[sel], csv_text(a.organisatie[sel], ";"),
            a.aanbieder[sel], fmt_date(a.aanmelding[sel]), fmt_date(a.start[sel]),
            fmt_date(end_shown), fmt_half_hours(a.hours[sel])]
    return Table(list(PARTICIPATIE_HEADER), cols)


def benefit_months(p: Persons, a: Activities, today: dt.date):
    """Per month: (month index, persons in the file, Participatiewet, work, Ontzorging)."""
    today64 = _dd(today)
    n_months = month_index(np.array([today64]))[0] + 1
    work = np.zeros((p.n, n_months + 1), dtype=np.int16)
    full = np.zeros((p.n, n_months + 1), dtype=np.int16)
    paid = a.soort == "Betaald werk"
    sm = np.clip(month_index(a.start[paid]), 0, n_months)
    em = np.where(np.isnat(a.end[paid]), n_months, np.clip(month_index(a.end[paid]), -1, n_months - 1) + 1)
    for target, rows in ((work, np.ones(paid.sum(), bool)), (full, a.hours[paid] >= 24)):
        np.add.at(target, (a.person[paid][rows], sm[rows]), 1)
        np.add.at(target, (a.person[paid][rows], em[rows]), -1)
    work = np.cumsum(work, axis=1) > 0
    full = np.cumsum(full, axis=1) > 0
    housed_m = month_index(p.housing)
    has_k = p.doelgroep <= NAREIZIGER
    leave = p.events[:, 6]
    for m in range(n_months):
        lo, hi = _month_bounds(m)
        cutoff = min(hi, today64)
        inside = (p.housing <= cutoff) & (p.registered <= cutoff) & (np.isnat(leave) | (leave >= lo))
        idx = np.flatnonzero(inside)
        pw = (lo < p.pw_end[idx]) & ~full[idx, m]
        ontz = has_k[idx] & (m - housed_m[idx] >= 0) & (m - housed_m[idx] <= 5)
        yield m, idx, pw, work[idx, m], ontz


def vista_table(p: Persons, when: np.datetime64) -> Table:
    """Learners who started, as VISTA sees them on `when`. Everything random
    comes from the person's fixed noise: levels and counts only grow between
    snapshots, and an exam or a dropout stays where it was."""
    term = p.terminal
    sel = np.flatnonzero((p.start <= when) & (np.isnat(term) | (term >= when - np.timedelta64(90, "D"))))
    sel = sel[np.argsort(p.bsn_rank[sel])]
    m = len(sel)
    u = p.vista_noise[sel]
    route = p.route[sel]
    start = p.start[sel]
    end_kind, leave_kind = p.end_kind[sel], p.leave_kind[sel]
    ended = ~np.isnat(term[sel]) & (term[sel] <= when)
    left = ended & ~np.isnat(p.events[sel, 6]) & (p.events[sel, 6] == term[sel])
    passed = ended & ~left & (end_kind == 0)
    # A few drop out along the way without leaving the inburgering.
    quit_on = np.where(u[:, 5] < 0.04, start + _days(60 + u[:, 5] / 0.04 * 600), NAT).astype(D)
    quit = ~ended & (quit_on <= when)
    stop = _minmax_date(_minmax_date(term[sel], quit_on, np.minimum), np.full(m, when, dtype=D), np.minimum)
    stop = np.where(ended | quit, stop, when).astype(D)
    weeks = np.clip((stop - start).astype(np.int64) / 7, 0, 156)
    rate = np.select([route == B1, route == ENTREE, route == Z], [10.5, 12.0, 6.0], 14.0)
    planned = np.round(weeks * 40 / 52 * rate, 1)
    followed = np.round(planned * p.attendance[sel], 1)
    months = weeks / 4.35
    code = np.where(p.alfa[sel] & (months < 9), "alfa", VISTA_ROUTES[route]).astype(object)
    target = np.select([route == Z], [1.6], 3.2)  # index into LEVELS: A1-A2 for Z, B1+ otherwise
    base = np.minimum(target, months / 8.0)
    levels = []
    for skill in range(4):
        v = LEVELS[np.clip(np.floor(base + (u[:, skill] - 0.5) * 1.2), 0, 4).astype(int)].copy()
        v[months < 3] = ""  # not yet measured
        levels.append(v)
    exam = np.where(passed, term[sel] - _days(14 + u[:, 7] * 45), NAT).astype(D)
    failed_on = start + _days(600 + u[:, 4] / 0.25 * 200)
    failed = ~passed & (u[:, 4] < 0.25) & (failed_on <= stop)
    exam = np.where(failed, failed_on, exam).astype(D)
    behaald = np.where(passed, "true", np.where(failed, "false", "")).astype(object)
    dropout = left | (ended & (end_kind == 1)) | quit
    reason = np.full(m, "", dtype=object)
    reason[left] = np.where(leave_kind[left] == 0, UITVAL_REDENEN["Verhuisd"], UITVAL_REDENEN["Vertrokken"])
    reason[ended & (end_kind == 1) & ~left] = UITVAL_REDENEN["Ontheffing"]
    reason[quit] = OTHER_UITVAL[(u[quit, 7] * len(OTHER_UITVAL)).astype(int)]
    changes = np.floor(months * (0.1 + 0.3 * u[:, 6])).astype(np.int64)
    cols = [p.bsn[sel], code, fmt_date(start, iso=True),
            fmt_date(np.full(m, when, dtype=D), iso=True), planned.astype(str).astype(object),
            followed.astype(str).astype(object), changes.astype(str).astype(object),
            *levels, fmt_date(exam, iso=True), behaald, fmt_jn(p.avond[sel], yes="true", no="false"),
            fmt_jn(dropout, yes="true", no="false"), csv_text(reason, ",")]
    return Table(list(VISTA_HEADER), cols)


def koppelingen_columns(p: Persons, gemeenten, m: int, today: dt.date, rng: np.random.Generator):
    lo, hi = _month_bounds(m)
    cutoff = min(hi, _dd(today))
    out = p.housing
    idx = np.flatnonzero((p.vnr != "") & (p.koppeling <= cutoff) & (np.isnat(out) | (out >= lo)))
    idx = idx[np.argsort(p.koppeling[idx], kind="stable")]
    k = len(idx)
    coa_names = [g.coa_names for g in gemeenten]
    primary = np.array([c[0] for c in coa_names], dtype=object)
    alternate = np.array([c[-1] for c in coa_names], dtype=object)
    name = np.where(rng.random(k) < 0.85, primary[p.gem[idx]], alternate[p.gem[idx]]).astype(object)
    loc = p.location[idx].copy()
    loc[(loc == MARIENWAARD) & (cutoff > MARIENWAARD_LAST_DAY)] = AZC_MAASTRICHT
    gestart = p.vi_start[idx] <= cutoff
    stop = _minmax_date(_minmax_date(p.vi_stop[idx], out[idx], np.minimum),
                        np.full(k, cutoff, dtype=D), np.minimum)
    weeks = np.clip((stop - p.vi_start[idx]).astype(np.int64) / 7, 0, None)
    hours = np.where(gestart, np.minimum(115, np.floor(weeks * 115 / 14 * 2) / 2), 0.0)
    afgerond = gestart & (hours >= 115)
    uitstroom = np.where(out[idx] <= cutoff, out[idx], NAT).astype(D)
    cols = [("str", p.vnr[idx]), ("str", name), ("date", p.koppeling[idx]), ("str", loc),
            ("str", fmt_jn(gestart, yes="Ja", no="Nee")), ("str", fmt_jn(afgerond, yes="Ja", no="Nee")),
            ("num", hours), ("str", fmt_jn(p.meedoen[idx] <= cutoff, yes="Ja", no="Nee")),
            ("date", uitstroom)]
    return cols, idx


def bezetting_rows(p: Persons, m: int, state: dict, rng: np.random.Generator):
    """The Zuid-Limburg locations on the first day of the month; occupancy
    follows a bounded random walk, vergunninghouders include our linked
    persons who live there on the peildatum."""
    lo, _ = _month_bounds(m)
    here = (p.koppeling <= lo) & (np.isnat(p.housing) | (p.housing > lo))
    loc = np.where((p.location == MARIENWAARD) & (lo > MARIENWAARD_LAST_DAY), AZC_MAASTRICHT, p.location)
    rows = []
    specs = [(AZC_MAASTRICHT, "MAASTRICHT", "AZC", 650, 600, 545, 650, (70, 140), 0.35, 0.28)]
    if lo <= MARIENWAARD_LAST_DAY:
        specs.append((MARIENWAARD, "Maastricht", "Noodopvang", 250, 215, 170, 250, (20, 60), 0.70, 0.18))
    specs.append((AMV_CADIER, "MAASTRICHT", "AMV", 60, 48, 36, 60, (1, 5), 0.80, 0.90))
    for name, gemeente, kind, cap, mean, low, high, extra, brp, minor in specs:
        prev = state.get(name, mean)
        occ = int(np.clip(round(mean + 0.7 * (prev - mean) + rng.normal(0, 0.04 * cap)), low, high))
        state[name] = occ
        ours = int(((loc == name) & here).sum())
        vh = min(occ, ours + int(rng.integers(*extra)))
        niet_brp = int(round(occ * np.clip(brp + rng.normal(0, 0.03), 0, 1)))
        minderjarig = int(round(occ * np.clip(minor + rng.normal(0, 0.02), 0, 1)))
        rows.append([name, gemeente, kind, cap, occ, vh, niet_brp, minderjarig])
    return rows


def enquete_table(p: Persons, gemeenten, year: int, today: dt.date, rng: np.random.Generator) -> Table:
    survey = _dd(min(dt.date(year, 10, 1), today))
    leave = p.events[:, 6]
    eligible = np.flatnonzero((p.housing <= survey) & (p.registered <= survey)
                              & (np.isnat(leave) | (leave > survey)))
    resp = eligible[rng.random(len(eligible)) < 0.2]
    resp = resp[rng.permutation(len(resp))]
    r = len(resp)
    years = (survey - p.vergunning[resp]).astype(np.int64) // 365 + 1
    jaar = np.where(years >= 4, "4+", np.clip(years, 1, 3).astype(str)).astype(object)
    person_effect = rng.normal(0, 0.5, r)
    cols = [np.arange(1, r + 1).astype(str).astype(object),
            np.array([g.code for g in gemeenten], dtype=object)[p.gem[resp]], jaar]
    for _, mean, gain in SURVEY:
        score = mean + gain * (np.minimum(years, 4) - 1) + person_effect + rng.normal(0, 0.8, r)
        answer = np.clip(np.rint(score), 1, 5).astype(int).astype(str).astype(object)
        answer[rng.random(r) < 0.06] = ""
        cols.append(answer)
    return Table(["Respondent", "Gemeentecode", "Jaar in Nederland", *[s[0] for s in SURVEY]], cols)


def taakstelling_table(p: Persons, gemeenten, today: dt.date, rng: np.random.Generator) -> Table:
    hys = [hy for hy in _half_years(today) if _hy_bounds(*hy)[0] <= _dd(today)]
    n_g, n_h = len(gemeenten), len(hys)
    statushouder = (p.doelgroep <= NAREIZIGER) & (p.housing <= _dd(today))
    starts = np.array([_hy_bounds(*hy)[0] for hy in hys], dtype=D)
    hy_of = np.searchsorted(starts, p.housing[statushouder], side="right") - 1
    housed = np.bincount(p.gem[statushouder] * n_h + hy_of, minlength=n_g * n_h).reshape(n_g, n_h)
    gehuisvest = np.rint(housed * STATUSHOUDERS_PER_INBURGERAAR).astype(np.int64)
    full = np.array([[_profile(g, hy) for hy in hys] for g in gemeenten])
    weight = np.array([g.weight for g in gemeenten])
    expected = weight[:, None] * full * (1 + NAREIZIGERS_PER_HOUSED) * STATUSHOUDERS_PER_INBURGERAAR
    taak = np.maximum(0, np.rint(expected * rng.uniform(0.85, 1.2, expected.shape))).astype(np.int64)
    # The backlog carries over: what was set and not housed is next half year's start.
    first = np.rint(expected[:, 0] * rng.uniform(-0.1, 0.4, n_g)).astype(np.int64)
    backlog = first[:, None] + np.concatenate(
        [np.zeros((n_g, 1), np.int64), np.cumsum(taak - gehuisvest, axis=1)[:, :-1]], axis=1)

    def dutch(x: np.ndarray) -> np.ndarray:
        return np.array([fmt_dutch_int(v) if v >= 0 else "-" + fmt_dutch_int(-v) for v in x.ravel().tolist()],
                        dtype=object)

    codes = np.array([g.code for g in gemeenten], dtype=object)
    periods = np.array([f"{y}-{h}" for y, h in hys], dtype=object)
    return Table(["Gemeentecode", "Periode", "Taakstelling", "Achterstand Begin", "Gehuisvest"],
                 [np.repeat(codes, n_h), np.tile(periods, n_g), dutch(taak), dutch(backlog),
                  dutch(gehuisvest)])


def begroting_table() -> Table:
    rows = []
    for prog, nr, naam, soort, amounts, raming, style in BEGROTING:
        for year, amount in zip(range(2024, 2028), amounts):
            if amount is None:
                continue  # '-' in the source table
            text = fmt_dutch_int(amount) + (",00" if style == "cents" else "")
            rows.append((prog, nr, naam, soort, str(year), text, raming))
    cols = [np.array([r[i] for r in rows], dtype=object) for i in range(7)]
    cols[2] = csv_text(cols[2], ";")
    return Table(["Programma", "Budgetnummer", "Naam", "Soort", "Jaar", "Bedrag", "Raming"], cols)


def _quarter(q: str) -> int:
    return int(q[:4]) * 4 + int(q[-1]) - 1


def acties_table(today: dt.date, rng: np.random.Generator) -> Table:
    now = today.year * 4 + (today.month - 1) // 3
    rows = []
    for aid, lijn, oms, uitv, fin, start, einde in ACTIES:
        if _quarter(start) > now:
            status = "Niet gestart"
        elif _quarter(einde) < now:
            status = "Afgerond" if rng.random() < 0.8 else "Vertraagd"
        else:
            status = "Loopt" if rng.random() < 0.8 else "Vertraagd"
        notes = ACTIE_TOELICHTING[status]
        note = ACTIE_SPECIFIEK.get(aid) if status != "Niet gestart" and aid in ACTIE_SPECIFIEK else \
            notes[int(rng.integers(0, len(notes)))]
        rows.append((aid, lijn, oms, uitv, fin, start, einde, status, note))
    cols = [csv_text(np.array([r[i] for r in rows], dtype=object), ";") for i in range(9)]
    return Table(["Actie-ID", "Actielijn", "Omschrijving", "Uitvoering", "Financiering", "Start",
                  "Einde", "Status", "Toelichting"], cols)


# ---------------------------------------------------------------- the drop


MARKER_TEXT = """SYNTHETISCHE DEMOLEVERING - GEEN ECHTE GEGEVENS

Deze map is gemaakt door `python -m etl demo` (schaal {scale}, seed {seed}, peildatum {today}).
Alle personen, BSN's, V-nummers en antwoorden zijn verzonnen. De BSN's voldoen aan de
elfproef maar zijn willekeurig getrokken; ze horen bij niemand.

De aantallen zijn afgestemd op de brondocumenten (beleidskader Nieuwe Stadsgezichten en
uitvoeringsprogramma Taal en Participatie in de Wet inburgering 2021): 134 in 2024 in
Maastricht gehuisveste asielstatushouders, verdeelsleutel 67,23%, leerroutes B1 80% en
Z 19%, duaal traject 40% begin 2024, voorinburgering gestart 80%, AZC Maastricht
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
        for sub in ("gemeente", "coa", "vista"):
            if (out / sub).is_dir():
                shutil.rmtree(out / sub)
        for name in (DEMO_MARKER, "regio.csv"):
            (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def _respelled(header, changes: dict[str, str]) -> list[str]:
    """Header names as another export spells them (case, spaces)."""
    return [changes.get(h, h) for h in header]


@dataclass
class _Drop:
    """What every extract writer shares: the history, the target and the plants."""
    out: Path
    p: Persons
    acts: Activities
    gemeenten: tuple[Gemeente, ...]
    today: dt.date
    rng: dict[str, np.random.Generator]
    spare_bsns: np.ndarray  # valid, distinct from everyone's
    planted: list[PlantedRow] = field(default_factory=list)
    files: int = 0

    @property
    def today64(self) -> np.datetime64:
        return _dd(self.today)

    @property
    def snapshots(self) -> tuple[tuple[np.datetime64, str], tuple[np.datetime64, str]]:
        """(date, stamp) of the older and the newest snapshot."""
        older = _one_month_earlier(self.today)
        return (_dd(older), older.strftime("%Y%m%d")), (self.today64, self.today.strftime("%Y%m%d"))

    def csv(self, rel: str, header, table_or_cols, **kw) -> int:
        """Write unless there is nobody to report (only just after the law's
        start): the loader takes a header-only file for a broken one."""
        cols = table_or_cols.cols if isinstance(table_or_cols, Table) else table_or_cols
        if not len(cols[0]):
            return 0
        self.files += 1
        return write_csv(self.out / rel, header, cols, **kw)

    def plant(self, rel: str, table: Table, tag: str, column: str, what: str) -> None:
        self.planted.append(PlantedRow(rel, table.row_of(tag), column, what))

    def pick(self, lo: int, hi: int) -> int:
        return int(self.rng["plant"].integers(lo, hi))

    def bsn_column(self, who: np.ndarray, rng, strip_share: float, pad_share: float) -> np.ndarray:
        """Excel drops the leading zero; hand edits leave spaces."""
        strip = rng.random(len(who)) < strip_share
        shown = np.where(strip, self.p.bsn_excel[who], self.p.bsn[who]).astype(object)
        return pad_some(shown, rng, pad_share)


def _write_inburgeraars(d: _Drop) -> int:
    """The older snapshot comes from the old system (Windows-1252, leading
    zeros lost); the newest has other header spellings and two bad rows."""
    (older, old_stamp), (newest, stamp) = d.snapshots
    rng = d.rng["inburgeraars"]
    t, who = inburgeraars_table(d.p, d.gemeenten, older)
    t.cols[0] = d.bsn_column(who, rng, 1.0, 0.0)
    d.csv(f"gemeente/inburgeraars_{old_stamp}.csv", t.header, t, encoding="cp1252")

    t, who = inburgeraars_table(d.p, d.gemeenten, newest)
    persons = len(t)
    t.cols[0] = d.bsn_column(who, rng, 0.4, 0.02)
    for c in ("Land van herkomst", "Status", "Leerroute"):
        i = INBURGERAARS_HEADER.index(c)
        t.cols[i] = pad_some(t.cols[i], rng, 0.03)
    good = d.spare_bsns[0]
    bad = good[:8] + str((int(good[8]) + 1) % 10)  # the check digit no longer fits
    newcomer = {"V-nummer": "", "Doelgroep": "Gezinsmigrant", "Geslacht": "V", "Status": "Aangemeld",
                "Datum status": fmt_date(np.array([newest - np.timedelta64(20, "D")]))[0],
                "Land van herkomst": "Brazilië", "Huishoudgrootte": "2",
                "Datum vergunning": fmt_date(np.array([newest - np.timedelta64(50, "D")]))[0]}
    t.insert(d.pick(0, len(t) + 1), {**newcomer, "BSN": bad, "Gemeentecode": "GM0935"}, "elfproef")
    t.insert(d.pick(0, len(t) + 1), {**newcomer, "BSN": d.spare_bsns[1], "Gemeentecode": "GM9999"}, "gm9999")
    rel = f"gemeente/inburgeraars_{stamp}.csv"
    d.plant(rel, t, "elfproef", "BSN", "BSN voldoet niet aan de elfproef")
    d.plant(rel, t, "gm9999", "Gemeentecode", "gemeentecode GM9999 hoort niet bij de regio")
    header = _respelled(INBURGERAARS_HEADER, {"BSN": "bsn", "V-nummer": " V-nummer ",
                                              "Gemeentecode": "GEMEENTECODE", "Datum PIP": "datum pip",
                                              "Digid": "DigiD"})
    d.csv(rel, header, t, trailing_empty_lines=2)
    return persons


def _write_participatie(d: _Drop) -> int:
    """Two snapshots; the newest holds a bad date, negative hours and a repeated ID."""
    (older, old_stamp), (newest, stamp) = d.snapshots
    t = participatie_table(d.p, d.acts, older)
    d.csv(f"gemeente/participatie_{old_stamp}.csv", t.header, t, encoding="cp1252")

    t = participatie_table(d.p, d.acts, newest)
    rows = len(t)
    t.cols[3] = pad_some(t.cols[3], d.rng["participatie"], 0.02)
    rel = f"gemeente/participatie_{stamp}.csv"
    header = _respelled(PARTICIPATIE_HEADER, {"Activiteit-ID": "activiteit-id",
                                              "Uren per week": "Uren Per Week "})
    if not rows:
        return rows
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
    d.csv(rel, header, t)
    return rows


def _write_uitkeringen(d: _Drop) -> int:
    """One file per month (from the first housing on); every sixth month comes
    from the old system. One month holds a person the inburgeraars file does
    not know."""
    rng = d.rng["uitkeringen"]
    months = [entry for entry in benefit_months(d.p, d.acts, d.today) if len(entry[1])]
    bad_month = months[d.pick(max(0, len(months) - 24), len(months))][0] if months else None
    total = 0
    for m, idx, pw, work, ontz in months:
        ym = str(_month_bounds(m)[0])[:7]
        old_system = m % 6 == 3
        order = np.argsort(d.p.bsn_rank[idx])
        idx, pw, work, ontz = idx[order], pw[order], work[order], ontz[order]
        t = Table(list(UITKERINGEN_HEADER), [
            d.bsn_column(idx, rng, 1.0 if old_system else 0.0, 0.0 if old_system else 0.01),
            np.full(len(idx), ym, dtype=object), fmt_jn(pw), fmt_jn(work), fmt_jn(ontz)])
        total += len(t)
        rel = f"gemeente/uitkeringen_{ym.replace('-', '')}.csv"
        if m == bad_month:
            t.insert(d.pick(0, len(t) + 1), {"BSN": d.spare_bsns[2], "Maand": ym, "Participatiewet": "J",
                                             "Inkomen uit werk": "N", "Ontzorging": "N"}, "unknown")
            d.plant(rel, t, "unknown", "BSN", "geldig BSN dat niet in het inburgeraarsbestand staat")
        header = _respelled(UITKERINGEN_HEADER, {"BSN": "bsn", "Maand": " Maand"}) if m % 4 == 1 \
            else list(UITKERINGEN_HEADER)
        d.csv(rel, header, t, encoding="cp1252" if old_system else "utf-8-sig",
              trailing_empty_lines=1 if m % 3 == 0 else 0)
    return total


def _write_small_snapshots(d: _Drop) -> None:
    t = taakstelling_table(d.p, d.gemeenten, d.today, d.rng["small"])
    d.csv("gemeente/taakstelling.csv", t.header, t, trailing_empty_lines=1)
    t = begroting_table()
    d.csv("gemeente/begroting.csv", t.header, t, trailing_empty_lines=1)
    t = acties_table(d.today, d.rng["small"])
    d.csv("gemeente/acties.csv", t.header, t, encoding="cp1252")  # € and ë: cp1252, not latin-1


def _write_enquete(d: _Drop) -> None:
    for year in range(2022, d.today.year + 1):
        t = enquete_table(d.p, d.gemeenten, year, d.today, d.rng["enquete"])
        rel = f"gemeente/enquete_{year}.csv"
        if year == d.today.year and len(t):
            t.set(d.pick(0, len(t)), "Veilig in buurt", "6", "likert")
            d.plant(rel, t, "likert", "Veilig in buurt", "antwoord buiten de schaal 1-5")
        d.csv(rel, t.header, t, encoding="cp1252" if year == 2022 else "utf-8-sig")


def _write_coa(d: _Drop) -> None:
    """Both workbooks for every month; the newest koppelingen holds a row
    whose koppeling lies after its month."""
    rng = d.rng["coa"]
    (d.out / "coa").mkdir(parents=True, exist_ok=True)
    state: dict = {}
    last = month_index(np.array([d.today64]))[0]
    for m in range(last + 1):
        lo, hi = _month_bounds(m)
        ym = str(lo)[:7].replace("-", "")
        rows = bezetting_rows(d.p, m, state, rng)
        cols = [("str", np.array([r[i] for r in rows], dtype=object)) for i in range(3)] + \
               [("num", np.array([r[i] for r in rows], float)) for i in range(3, 8)]
        total = ["Totaal", None, None, *[sum(r[i] for r in rows) for i in range(3, 8)]]
        title = f"Bezettingsoverzicht COA locaties Zuid-Limburg, peildatum {fmt_date(np.array([lo]))[0]}"
        (d.out / "coa" / f"coa_bezetting_{ym}.xlsx").write_bytes(
            xlsx_bytes("Bezetting", BEZETTING_HEADER, cols, title=title, total=total))

        cols, idx = koppelingen_columns(d.p, d.gemeenten, m, d.today, rng)
        rel = f"coa/coa_koppelingen_{ym}.xlsx"
        if m == last:
            # Someone linked earlier, reported with a koppeling after the month.
            # Its own row, if any, keeps loading: only rows that pass count as
            # repeats of a key.
            linked = np.flatnonzero(d.p.vnr != "")
            absent = np.setdiff1d(linked, idx)
            pool = absent if len(absent) else linked
            who = pool[d.pick(0, len(pool))]
            pos = d.pick(0, len(idx) + 1)
            row = [d.p.vnr[who], d.gemeenten[d.p.gem[who]].coa_names[0], hi + np.timedelta64(12, "D"),
                   AZC_MAASTRICHT, "Ja", "Nee", 40.0, "Nee", NAT]
            cols = [(kind, np.insert(values, pos, row[c])) for c, (kind, values) in enumerate(cols)]
            d.planted.append(PlantedRow(rel, pos + 1, "Datum koppeling",
                                        "datum koppeling na de maand van het bestand"))
        (d.out / rel).write_bytes(xlsx_bytes("Koppelingen", KOPPELINGEN_HEADER, cols))
        d.files += 2


def _write_vista(d: _Drop) -> None:
    """Another supplier's habits; the newest has one date in municipal notation."""
    for when, stamp in d.snapshots:
        t = vista_table(d.p, when)
        rel = f"vista/vista_voortgang_{stamp}.csv"
        if when == d.today64 and len(t):
            i = d.pick(0, len(t))
            iso = t.cols[VISTA_HEADER.index("startdatum")][i]
            t.set(i, "startdatum", f"{iso[8:10]}-{iso[5:7]}-{iso[:4]}", "nl-date")
            d.plant(rel, t, "nl-date", "startdatum", "datum in gemeentelijke notatie (dd-mm-jjjj)")
        d.csv(rel, t.header, t, sep=",", encoding="utf-8", newline="\n")


def write_demo_drop(out: Path, scale: str = "regio", seed: int = 2024,
                    today: dt.date | None = None) -> DemoSummary:
    """Write the synthetic drop for January 2022 up to the month of `today`."""
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
    p = generate_persons(gemeenten, today, rng["persons"])
    spare = make_bsns(rng["plant"], 50)
    d = _Drop(out, p, generate_activities(p, today, rng["activities"]), gemeenten, today, rng,
              spare_bsns=spare[~np.isin(spare, p.bsn)][:3])
    persons = _write_inburgeraars(d)
    participation_rows = _write_participatie(d)
    benefit_rows = _write_uitkeringen(d)
    _write_small_snapshots(d)
    _write_enquete(d)
    _write_coa(d)
    _write_vista(d)
    if scale == "national":
        write_csv(out / "regio.csv", ["gemeentecode", "naam", "coa_namen"], [
            np.array([g.code for g in gemeenten], dtype=object),
            np.array([g.name for g in gemeenten], dtype=object),
            np.array(["|".join(g.coa_names) for g in gemeenten], dtype=object)],
            encoding="utf-8", newline="\n")
    (out / DEMO_MARKER).write_text(MARKER_TEXT.format(
        scale=scale, seed=seed, today=today.strftime("%d-%m-%Y"), planted=len(d.planted),
        key=DEMO_PSEUDONYM_KEY), encoding="utf-8")
    return DemoSummary(out=out, scale=scale, seed=seed, today=today, files=d.files, persons=persons,
                       participation_rows=participation_rows, benefit_rows=benefit_rows,
                       planted=sorted(d.planted, key=lambda x: (x.file, x.row)))

"""The figures the demo drop is calibrated to, so that its dashboard tells the
story of the seeds: one place to check or change what the demo claims."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Calibration. Seeds: 001 = beleidskader, 002 = uitvoeringsprogramma Wet
# inburgering 2021 (../shared/seeds). "Measured" is seed 2024, today 2026-11-23,
# computed from the files with the definitions of indicators.md.
#
# | seed figure                                  | src       | demo drop                                    |
# |----------------------------------------------|-----------|----------------------------------------------|
# | 134 asielstatushouders housed in Maastricht  | 002 SPUK  | exactly 134 with Datum huisvesting in 2024,  |
# |   (2024)                                     |           |   for every seed (region: 200)               |
# | verdeelsleutel Maastricht 67,23%             | 002 §7    | the other four get 32,77% by population      |
# | leerroute B1 80% / Z 19% / enkeling          | 002 §3    | PIPs up to 1 March 2024: Z 19% (drawn),      |
# |   Onderwijs (1 March 2024)                   |           |   B1 + B1-Entree 76%, Onderwijs only < 27;   |
# |                                              |           |   later PIPs: Z 28% (see next row)           |
# | B1-Entree since September 2023               | 002 §3    | only for PIPs from 1-9-2023, under 30        |
# | ~88 inburgeraars in the Z-route, 6,6 h/week  | 002 §4    | 88 active Z-route persons in Maastricht at   |
# |   over 40 lesweken = ~580 h/week of places,  |           |   2026-11-23 (133 in the region): 587 h/week |
# |   too few places                             |           |   needed, 352 offered (60%)                  |
# | Z-route 800 h in 3 years: 5,1-6,6 h/week     | 002 §4    | Z-route activities 5,0-7,0 h/week            |
# | activeringsprogramma from Sept 2024,         | 002 §4    | Activeringsprogramma rows from 2024-09,      |
# |   10 weeks x 4 hours                         |           |   70 days, 4,0 h/week                        |
# | duaal traject 40% (early 2024), ambition:    | 002       | werk.duaal_pct 44% (mean Jan-Mar 2024),      |
# |   everyone                                   |           |   57% (mean 2026 Q1-Q3)                      |
# | voorinburgering: 80% start; 115 h in 14 wk   | 002 §3    | 4 in every 5 start: 80,0% of the newest      |
# |                                              |           |   koppelingen file, 79,4% of all             |
# | Podium24 finds a place within 3 months       | 002 §5    | 87% of Podium24 rows start within 91 days    |
# | Protect questionnaire (action A1, 2024)      | 002 §6    | 79% of PIPs, 89% of PIPs from April 2024     |
# | termijn 3 years from the day after the PIP   | 002 §2    | Verlengd at PIP + 1096 days if not voldaan;  |
# |                                              |           |   a few Boete                                |
# | waiting time AZC -> housing (shortage)       | 001 2.1.2 | median 88-142 days (2,9-4,7 months)          |
# | waiting list team inburgering (2023-2024)    | 002       | PIP ~110 days after housing then, ~40 after  |
# | AZC Maastricht: at most 650 residents        | 001 2.1.1 | capacity 650, occupancy 545-650              |
# | noodopvang Mariënwaard t/m augustus 2025     | 001 2.1.1 | in bezetting up to 2025-08, absent after     |
# | AMV-opvang Cadier en Keer                    | 001 2.1.1 | `AMV Cadier en Keer` in every bezetting file |
# | taakstelling per half year; backlog          | 001 2.1.2 | per gemeente and half year; Achterstand      |
# |                                              |           |   carries over, can be negative              |
# | ontzorging first six months after housing    | 001 2.3   | Ontzorging J in the housing month + 5        |
# | budget tables 1-5; starred = estimate        | 001       | begroting.csv, Raming J where starred        |
# | uitvoeringskosten; 570610905 = 645.205 /     | 002 §7    | begroting.csv                                |
# |   549.087 / 549.087 / 549.087                |           |                                              |
# | actions of bijlage 3                         | 002       | acties.csv: T1-T8, P1-P8, W1-W8, B1-B3,      |
# |                                              |           |   A1-A5 (quarters reconstructed from the     |
# |                                              |           |   text: the Gantt bars did not survive)      |

LAW_START = np.datetime64("2022-01-01", "D")  # Wet inburgering 2021 in force
MARIENWAARD_LAST_DAY = np.datetime64("2025-08-31", "D")
ACTIVERING_START = np.datetime64("2024-09-01", "D")
B1_ENTREE_START = np.datetime64("2023-09-01", "D")
PROTECT_START = np.datetime64("2024-04-01", "D")
TERMIJN_DAYS = 1095
# Leerroute split: Z 19% of the PIPs up to the seed's count of 1 March 2024;
# later PIPs go to the Z-route more often, so that the Z-route caseload in
# Maastricht reaches the ~88 the seed expects (002 §4). Onderwijs: a band of
# ONDERWIJS_SHARE above the Z share, only for those under 27.
Z_SHARE_MEASURED_ON = np.datetime64("2024-03-01", "D")
Z_SHARE = 0.19
Z_SHARE_LATER = 0.28
ONDERWIJS_SHARE = 0.06

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
ASIEL, NAREIZIGER = 0, 1  # positions in DOELGROEPEN; the migrants follow

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

# Per statement of the contract's survey: mean answer in the first year, gain per year in NL.
SURVEY = {
    "Banden": (3.9, 0.05), "Connecties": (2.6, 0.30), "Bruggen": (3.0, 0.30),
    "Vertrouwen gemeente": (3.6, 0.05), "Veilig in buurt": (4.0, 0.05), "Digitaal": (2.4, 0.40),
    "Cultuur": (2.8, 0.30), "Gezondheid": (3.3, 0.05), "Vrije tijd": (2.7, 0.20),
    "Rechten": (3.1, 0.30),
}

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


def national_region(rng: np.random.Generator) -> tuple[Gemeente, ...]:
    """The five real municipalities exactly as in `regio` plus 337 synthetic
    ones (GM5001..., "Demogemeente 001"...), weighted so that the whole drop
    holds about NATIONAL_PERSONS persons: the benchmark's scale."""
    raw = rng.lognormal(0.0, 0.9, NATIONAL_SYNTHETIC)
    persons_per_weight = 720 / sum(g.weight for g in REGIO)
    target = NATIONAL_PERSONS / persons_per_weight - sum(g.weight for g in REGIO)
    weights = raw / raw.sum() * target
    synthetic = tuple(
        Gemeente(f"GM{5001 + i}", f"Demogemeente {i + 1:03d}", (f"DEMOGEMEENTE {i + 1:03d}",),
                 float(w), int(np.clip(round(3 + 2 * np.log1p(w)), 2, 20)))
        for i, w in enumerate(weights))
    return REGIO + synthetic


def housed_per_weight(g: Gemeente, hy: tuple[int, int]) -> float:
    """Asielstatushouders housed in half year hy per unit of weight."""
    table = MAASTRICHT_HOUSED if g.code in {r.code for r in REGIO} else SYNTHETIC_HOUSED
    return float(table.get(hy, table[max(table)]))


# --- region attributes of the national scale (etl/region.py, optional columns) ------
# Plausible, not real: the real values come from CBS Regionale kerncijfers
# (inwoners, stedelijkheid) and Gebieden in Nederland (provincie,
# arbeidsmarktregio). The five real gemeenten keep the values of the default
# region file.
REGIO_ATTRIBUTES = {
    "GM0935": (127000, 2), "GM0938": (18600, 4), "GM0994": (16300, 4),
    "GM1729": (14200, 5), "GM0981": (10300, 4),
}
ARBEIDSMARKTREGIO = {
    "Groningen": ("Groningen",), "Fryslân": ("Friesland",), "Drenthe": ("Drenthe",),
    "Overijssel": ("Zwolle", "Twente"),
    "Gelderland": ("Stedendriehoek en Noordwest Veluwe", "Achterhoek", "Midden-Gelderland",
                   "Rijk van Nijmegen", "FoodValley", "Rivierenland"),
    "Flevoland": ("Flevoland",), "Utrecht": ("Amersfoort", "Midden-Utrecht"),
    "Noord-Holland": ("Gooi en Vechtstreek", "Zaanstreek/Waterland", "Groot-Amsterdam",
                      "Zuid-Kennemerland en IJmond", "Noord-Holland Noord"),
    "Zuid-Holland": ("Holland Rijnland", "Zuid-Holland Centraal", "Haaglanden", "Midden-Holland",
                     "Rijnmond", "Drechtsteden", "Gorinchem"),
    "Zeeland": ("Zeeland",),
    "Noord-Brabant": ("West-Brabant", "Midden-Brabant", "Noordoost-Brabant", "Zuidoost-Brabant",
                      "Helmond-De Peel"),
    "Limburg": ("Noord-Limburg", "Midden-Limburg", "Zuid-Limburg"),
}
# gemeenten per province (2024), as weights for the synthetic ones
PROVINCE_WEIGHTS = {"Groningen": 10, "Fryslân": 18, "Drenthe": 12, "Overijssel": 25,
                    "Gelderland": 51, "Flevoland": 6, "Utrecht": 26, "Noord-Holland": 44,
                    "Zuid-Holland": 50, "Zeeland": 13, "Noord-Brabant": 56, "Limburg": 26}
# The national demo holds ~175.000 persons; over the ~18 million inhabitants of
# the Netherlands that is ~9,7 per 1.000 (Maastricht's own five keep theirs).
NEWCOMERS_PER_1000 = 9.7


def region_attributes(gemeenten, rng: np.random.Generator) -> list[tuple]:
    """(inwoners, stedelijkheid, provincie, arbeidsmarktregio) per gemeente:
    inhabitants from the demo's persons at a newcomer rate that varies
    between gemeenten, stedelijkheid rising with size, a province by the
    real number of gemeenten per province."""
    provinces = list(PROVINCE_WEIGHTS)
    weights = np.array([PROVINCE_WEIGHTS[p] for p in provinces], dtype=float)
    persons_per_weight = 720 / sum(g.weight for g in REGIO)
    out = []
    for g in gemeenten:
        if g.code in REGIO_ATTRIBUTES:
            inwoners, sted = REGIO_ATTRIBUTES[g.code]
            out.append((inwoners, sted, "Limburg", "Zuid-Limburg"))
            continue
        rate = NEWCOMERS_PER_1000 * rng.lognormal(0.0, 0.35)
        inwoners = int(np.clip(round(g.weight * persons_per_weight / rate * 1000, -2), 1000, 950000))
        # CBS: 1 = zeer sterk stedelijk (big cities) .. 5 = niet stedelijk
        base = 5 - np.clip((np.log10(inwoners) - 4.0) * 2.2, 0, 4)
        sted = int(np.clip(round(base + rng.normal(0, 0.6)), 1, 5))
        province = provinces[rng.choice(len(provinces), p=weights / weights.sum())]
        regions = ARBEIDSMARKTREGIO[province]
        out.append((inwoners, sted, province, regions[rng.integers(len(regions))]))
    return out

"""Toegankelijkheidsverklaring: hoe de monitor aan WCAG 2.1 AA werkt, wat
getoetst is en welke bekende beperkingen er zijn."""

from __future__ import annotations

import streamlit as st

from pages.ui import frame

TEXT = """
De gemeente Maastricht wil dat iedereen de Integratiemonitor kan gebruiken. De monitor is
gebouwd volgens de **Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA**, zoals het
Besluit digitale toegankelijkheid overheid vraagt.

### Wat de monitor doet
- De taal van de pagina is Nederlands (`lang="nl"`), zodat een schermlezer Nederlands voorleest.
- Elke grafiek heeft een tekstalternatief: de conclusie in één zin direct onder de grafiek, en
  de **Tabel bij deze grafiek** met dezelfde cijfers.
- Een status (op koers, aandacht, uit koers) staat nooit alleen in kleur: er staan altijd een
  symbool (✔ ▲ ✖ ○) en een woord bij. De kleuren zijn geschikt voor kleurenblinden
  (Okabe-Ito) en hebben voldoende contrast.
- Alles is met het toetsenbord te bedienen; het element met de focus krijgt een duidelijke
  rand.
- Cijfers en grafieken zijn te downloaden als CSV (met puntkomma en decimale komma) en als
  afbeelding, en te verzamelen in een PowerPoint voor de raad.
- De pagina's zijn af te drukken op A4 liggend, zonder menu en knoppen.
- Het pictogram en alle andere onderdelen komen van de eigen server; er worden geen
  lettertypen of scripts van andere websites geladen.

### Hoe is dit getoetst
Elke pagina wordt bij elke wijziging automatisch getoetst met axe-core in een echte browser
(Chromium): er mogen geen ernstige (serious) of kritieke (critical) overtredingen zijn in wat
de monitor zelf toont.

### Bekende beperkingen
- De **navigatie in de zijbalk** en enkele vaste onderdelen komen uit het framework
  Streamlit; die zijn van de toetsing uitgezonderd.
- Streamlit schrijft zijn eigen onderdelen in het Engels. Zo gaat de monitor daarmee om:
  - het hoofdmenu van Streamlit ("<span lang=\"en\">Print</span>", "<span lang=\"en\">Record a screencast</span>",
    "<span lang=\"en\">Made with Streamlit</span>") is weggelaten: afdrukken gaat met de browser (Ctrl+P);
  - de knoppen "<span lang=\"en\">Select all</span>" en "<span lang=\"en\">Select … matches</span>" in de keuzelijsten
    zijn uitgezet;
  - de labels voor schermlezers ("<span lang=\"en\">Collapse sidebar</span>", "<span lang=\"en\">Help for …</span>",
    "<span lang=\"en\">Increment</span>"), de tooltips bij de knoppen boven een interactieve tabel
    ("<span lang=\"en\">Download as CSV</span>", "<span lang=\"en\">Search</span>", "<span lang=\"en\">Fullscreen</span>",
    "<span lang=\"en\">Show/hide columns</span>") en het menu bij een kolomkop (sorteren, opmaak, statistieken,
    kolom verbergen) zet de monitor in de browser om naar het Nederlands. Een tooltip of menu
    kan heel even Engels tonen voordat het is omgezet.
- **Wat Engels blijft**: de melding als de verbinding met de server wegvalt
  ("<span lang=\"en\">Connection error</span>", "<span lang=\"en\">Is Streamlit still running? …</span>"). Die staat in
  Streamlit zelf, is niet in te stellen en verschijnt juist als de monitor niets meer kan
  omzetten. Herlaad dan de pagina.
- De grafieken zelf zijn afbeeldingen voor wie ze niet kan zien; gebruik de tabel onder de
  grafiek.
- De interactieve tabellen (met sorteren) worden als tekening op het scherm gezet; gebruik
  voor een schermlezer de download als CSV.

### Contact
Loopt u ergens tegenaan? Meld het bij het team Inburgering van de gemeente Maastricht;
we reageren binnen vijf werkdagen.
"""


def main() -> None:
    frame.page_start()
    st.title("Toegankelijkheidsverklaring")
    # the text holds spans marking the English Streamlit writes (lang="en"), nothing else
    st.markdown(TEXT, unsafe_allow_html=True)


main()

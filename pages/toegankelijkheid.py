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
  Streamlit; die zijn van de toetsing uitgezonderd. Het Engelse hoofdmenu van Streamlit
  (met "Print", "Record a screencast" en "Made with Streamlit") is weggelaten: afdrukken gaat
  met de browser (Ctrl+P). De knop "Select all" in de keuzelijsten is uitgezet. De labels die
  Streamlit voor schermlezers in het Engels schrijft ("Collapse sidebar", "Help for …",
  "Clear all") zet de monitor in de browser om naar het Nederlands.
- Wat Engels blijft: de tooltips bij de knoppen boven een interactieve tabel (zoeken,
  downloaden, volledig scherm), de melding "Running…" terwijl een pagina rekent en de
  foutmelding als de verbinding met de server wegvalt ("Connection error"). Die teksten
  staan in Streamlit zelf en zijn niet in te stellen.
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
    st.markdown(TEXT)


main()

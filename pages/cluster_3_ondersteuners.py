"""Cluster 3: per indicator de ontwikkeling, een uitsplitsing, de gemeenten
naast elkaar en het indicatorpaspoort."""

from pages.ui.card import render_cluster_page
from pages.ui.programma import render_vista_niveaus

if render_cluster_page("3") == "3.2":
    render_vista_niveaus()

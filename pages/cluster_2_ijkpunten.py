"""Cluster 2: per indicator de ontwikkeling, een uitsplitsing, de gemeenten
naast elkaar en het indicatorpaspoort."""

from pages.ui.card import render_cluster_page
from pages.ui.programma import render_z_route

if render_cluster_page("2") == "2.3":
    render_z_route()

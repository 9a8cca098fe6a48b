"""Cluster 2: per indicator de ontwikkeling, een uitsplitsing, de gemeenten
naast elkaar en het indicatorpaspoort."""

from pages.ui.card import render_cluster_page

render_cluster_page("2")

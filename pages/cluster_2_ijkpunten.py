"""Cluster 2: per indicator de ontwikkeling, een uitsplitsing, de gemeenten
naast elkaar en het indicatorpaspoort."""

from pages import components as ui

ui.render_cluster_page("2")

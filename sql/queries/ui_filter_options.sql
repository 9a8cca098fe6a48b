-- Choices for the sidebar filters (pages block of monitor/indicators.py):
-- the distinct values of the person dimensions, as the cube stores them.
SELECT veld, waarde FROM mart_filter_options ORDER BY veld, waarde

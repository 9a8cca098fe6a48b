-- Actions of the uitvoeringsprogramma, for the timeline.
SELECT * FROM mart_acties ORDER BY start_date NULLS LAST, actie_id

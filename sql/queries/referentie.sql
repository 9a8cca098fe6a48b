-- The published reference figures of $indicators (empty = all) with a
-- peildatum on or before $peildatum: per indicator and area the newest.
SELECT indicator_id, gebied, peildatum, waarde, teller, noemer, bron
FROM stg_referentie
WHERE in_filter($indicators::VARCHAR[], indicator_id) AND peildatum <= $peildatum
QUALIFY row_number() OVER (PARTITION BY indicator_id, gebied ORDER BY peildatum DESC) = 1
ORDER BY indicator_id, gebied

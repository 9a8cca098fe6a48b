-- Published reference figures (section 11), one per indicator, area and
-- peildatum: never mixed with the product's own figures, always shown with
-- their source.
CREATE OR REPLACE VIEW stg_referentie AS
SELECT indicator_id, gebied, peildatum, waarde, teller, noemer, bron
FROM raw_referentie;

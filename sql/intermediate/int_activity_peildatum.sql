-- Ongoing activities per peildatum (indicators.md: Datum start <= P and
-- (Datum einde empty or >= P)), one row per activity per P.
CREATE OR REPLACE VIEW int_activity_peildatum AS
SELECT p.peildatum, a.person_key, a.activity_id, a.activity_type, a.provider
FROM int_peildata p
JOIN stg_participatie a
  ON a.start_date <= p.peildatum AND (a.end_date IS NULL OR a.end_date >= p.peildatum);

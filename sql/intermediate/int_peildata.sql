-- The peildata every indicator is computed at. Set by the caller with
-- SET VARIABLE peildata = [DATE ...] (sqlrun: all month ends; export: the one
-- requested date); when unset, the default month ends.
CREATE OR REPLACE VIEW int_peildata AS
SELECT DISTINCT unnest(coalesce(getvariable('peildata'),
                                (SELECT peildata FROM int_maandeinden))) AS peildatum;

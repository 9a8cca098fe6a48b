-- Taakstelling per half year per gemeente (supervisor's view, seed 004).
CREATE OR REPLACE VIEW mart_taakstelling AS
SELECT t.gemeentecode, g.naam AS gemeente, t.periode, t.period_start, t.period_end,
       t.taakstelling, t.achterstand_begin, t.gehuisvest,
       t.taakstelling + t.achterstand_begin AS opgave,
       t.taakstelling + t.achterstand_begin - t.gehuisvest AS achterstand_eind
FROM stg_taakstelling t LEFT JOIN ref_gemeenten g USING (gemeentecode);

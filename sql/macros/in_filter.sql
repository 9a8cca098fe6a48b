-- The list filter of every parameterised query: an empty list means no
-- filter. Callers cast the parameter, e.g. in_filter($gemeenten::VARCHAR[], gemeentecode),
-- because an empty Python list has no element type.
CREATE OR REPLACE MACRO in_filter(choices, value) AS
    len(choices) = 0 OR list_contains(choices, value);

-- Programme 6.1 per budget line and year, in the order of the delivered file.
SELECT programma, budgetnummer, naam, soort, jaar, bedrag, raming
FROM mart_budget_lines
ORDER BY volgorde, jaar;

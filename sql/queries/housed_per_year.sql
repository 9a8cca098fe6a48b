-- Asielstatushouders housed per calendar year (budget model input).
SELECT year(datum_huisvesting) AS jaar, count(*) AS aantal
FROM raw_inburgeraars
WHERE doelgroep = 'Asielstatushouder' AND datum_huisvesting IS NOT NULL
GROUP BY ALL
ORDER BY jaar

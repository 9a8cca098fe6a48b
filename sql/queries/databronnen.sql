-- Files of the latest load with their rejections per reason.
SELECT * FROM mart_databronnen ORDER BY file, rows_with_reason DESC NULLS LAST

-- The gemeenten of the configured region with the region file's optional,
-- public attributes (inwoners, stedelijkheid, provincie, arbeidsmarktregio):
-- the peer groups and neighbours of the Vergelijken page.
SELECT gemeentecode, naam, inwoners, stedelijkheid, provincie, arbeidsmarktregio
FROM ref_gemeenten
ORDER BY gemeentecode

"""Word documents (DOCX) of the same document parts the PDF engine prints.

``write_docx(path, info, parts)`` mirrors ``engine.write_pdf``: the letterhead becomes the
page header, each part a section starting on a new page with its title, the school and
"Seite x von y" in the footer; headings, tables and text come from the parts' flowables
(``translate``). Graphics become what Word can edit: the risk matrix a table, a QR code a
picture. The head of school or the authority can then change the text in Word.
"""

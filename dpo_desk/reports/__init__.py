"""PDF documents made with ReportLab: the engine (fonts, letterhead, footer, atomic writing)
and the printouts built on it. No Qt here."""

"""The register printout and the Art. 13 information sheet."""

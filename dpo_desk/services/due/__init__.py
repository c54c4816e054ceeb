"""Everything due: one list of dated duties across areas and schools, and its calendar."""

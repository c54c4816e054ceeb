"""The DSFA page: threshold analysis, editor, scenarios, heat map."""

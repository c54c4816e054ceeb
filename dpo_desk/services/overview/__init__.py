"""The overview page's services: the first steps of a new school."""

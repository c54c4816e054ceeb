"""Server mode in the window: signing in, and the page for people and their roles."""

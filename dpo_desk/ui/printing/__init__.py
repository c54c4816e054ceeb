"""The Drucken page: choose, lay out in the background, preview, print."""

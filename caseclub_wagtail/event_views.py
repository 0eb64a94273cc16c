"""Views of the event pages (placeholder until the views land)."""

"""The sub-routes of the form page (the form at the page's own URL): filled in by its views."""

form_routes = []

"""Citizens' appeals (обращения): the public form, the coordinators' inbox, draft cases."""

"""Membership applications: the public form, the inbox, admission into the registry."""

"""Helpers the tests share that build no data: query counts, translations, admin forms.

Data builders live in ``tests.factories``; a test module imports from here or from there,
never from another test module.
"""

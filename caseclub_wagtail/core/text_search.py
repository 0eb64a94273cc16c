"""Matching what a visitor types against Russian texts, in Python.

SQLite's LIKE folds only ASCII case, and the search backends' default configurations
neither fold Cyrillic case nor allow for Russian word endings.
"""

import re

# Russian words change their endings (кровля, кровли, кровлю): a search word of
# five letters or more is matched without its last vowels and soft signs.
ENDING_LETTERS = "аеиоуыэюяйь"


def fold(text: str) -> str:
    """Lower-case text, with ё read as е, as Russian readers type it."""
    return text.casefold().replace("ё", "е")


def contains(needle: str, *values: str) -> bool:
    """Whether the folded ``needle`` occurs in any of ``values``."""
    return any(needle in fold(value) for value in values)


def search_stems(query: str) -> list[str]:
    """The words of ``query``, folded and stripped of a changing ending."""
    stems = []
    for word in re.findall(r"\w+", fold(query)):
        stem = word
        while len(stem) > 4 and len(word) - len(stem) < 2 and stem[-1] in ENDING_LETTERS:
            stem = stem[:-1]
        stems.append(stem)
    return stems

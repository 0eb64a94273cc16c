"""A stored choice and its label, as the APIs give it (both the package's and Wagtail's v2)."""


def code_and_label(choices, value) -> tuple[str, str] | None:
    """``value`` of the ``choices`` class (a ``TextChoices``) and its label in the active
    language; none for an empty value."""
    if not value:
        return None
    try:
        label = str(choices(value).label)
    except ValueError:  # a value written by code that is no longer a choice
        label = str(value)
    return str(value), label

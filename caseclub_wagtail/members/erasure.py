"""What erasing a member's personal data writes over their revisions and log entries."""


def blank_value(name):
    """What an erased field holds, as a revision's content stores it."""
    if name == "photo":
        return None
    if name == "expertise":
        return []
    if name == "public_profile":
        return False
    return ""


def without_values(data, values: set[str]):
    """``data`` (JSON) with every string that contains one of ``values`` emptied."""
    if isinstance(data, dict):
        return {key: without_values(item, values) for key, item in data.items()}
    if isinstance(data, list):
        return [without_values(item, values) for item in data]
    if isinstance(data, str) and any(value in data for value in values):
        return ""
    return data

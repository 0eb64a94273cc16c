"""Kept because migrations import these validators from here; events live in ``events``."""

from caseclub_wagtail.events.time_zones import default_time_zone, validate_time_zone

__all__ = ["default_time_zone", "validate_time_zone"]

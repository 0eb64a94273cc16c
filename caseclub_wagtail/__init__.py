"""Events, a case library and a members' registry for Wagtail sites."""

__version__ = "0.1.0"

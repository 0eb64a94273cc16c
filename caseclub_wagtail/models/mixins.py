"""Kept because migrations import ``BaseTemplateMixin`` from here; it lives in ``core``."""

from caseclub_wagtail.core.mixins import BaseTemplateMixin

__all__ = ["BaseTemplateMixin"]

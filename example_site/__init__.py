"""A runnable Wagtail site that shows caseclub-wagtail in use."""

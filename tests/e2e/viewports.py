"""The window sizes the browser tests look at the site in."""

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

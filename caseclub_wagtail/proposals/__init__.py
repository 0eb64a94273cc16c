"""Members' proposals to improve the club's work: the form, the inbox, the public replies."""

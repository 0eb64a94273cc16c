"""Registration for events: seats per date, a waitlist, members-only checks, cancellation."""

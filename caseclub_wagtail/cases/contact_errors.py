"""The editor's error for a contact detail written into a case's public text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.core.contacts import EMAIL, Contact, find_contact, find_contact_in_rich_text


def contact_error(contact: Contact, field) -> ValidationError:
    """The editor's error for a resident's contact found in the published ``field``."""
    if contact.kind == EMAIL:
        message = _(
            "The field «%(field)s» contains the e-mail address «%(contact)s». Cases are "
            "published: remove the address. An organisation's public address may stay if the "
            "site's administrator lists its domain as public."
        )
    else:
        message = _(
            "The field «%(field)s» contains the phone number «%(contact)s». Cases are "
            "published: remove the number. An organisation's public hotline may stay if the "
            "site's administrator lists it as public."
        )
    return ValidationError(
        message, code="contact", params={"field": field, "contact": contact.text}
    )


def text_contact_errors(instance, names, rich_text=()) -> dict:
    """Errors for the fields of ``instance`` among ``names`` that hold a contact."""
    errors = {}
    for name in names:
        value = getattr(instance, name)
        contact = find_contact_in_rich_text(value) if name in rich_text else find_contact(value)
        if contact:
            errors[name] = contact_error(contact, instance._meta.get_field(name).verbose_name)
    return errors


# The pages

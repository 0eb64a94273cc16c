"""Appeals as the form or the inbox leaves them, their form page, and files to attach."""

import io

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from caseclub_wagtail.models import Appeal, AppealAttachment, AppealFormPage
from tests.factories.core import root_page

# The smallest PDF a viewer opens: one empty page, written out by hand.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# The start of a Windows program (the "MZ" header), whatever it is named.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#2a6f97").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    """A file as a browser uploads it, with the name and type the sender chose."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name="скан письма.pdf"):
    return upload(name, PDF, "application/pdf")


def png_upload(name="протечка.png"):
    return upload(name, png_bytes(), "image/png")


def make_appeal_page(slug="appeal", title="Обращение в клуб", **fields) -> AppealFormPage:
    """A published appeal form under the default site's root page."""
    page = AppealFormPage(title=title, slug=slug, **fields)
    root_page().add_child(instance=page)
    page.save_revision().publish()
    return AppealFormPage.objects.get(pk=page.pk)


class AppealFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Жительница Номер {n}")
    email = factory.Sequence(lambda n: f"citizen{n}@example.org")
    phone = ""
    address = "ул. Мира, д. 10"
    municipality = "Волжский"
    description = "После капремонта протекает кровля над третьим подъездом."
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Appeal


def attach(appeal, name="скан.pdf", content=PDF, content_type="application/pdf"):
    """A file stored in the private storage as the form stores one."""
    attachment = AppealAttachment(
        appeal=appeal, original_name=name, content_type=content_type, size=len(content)
    )
    attachment.file.save("attachment.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


def appeal_data(**fields) -> dict:
    """What a citizen types into the appeal form (the protection fields aside)."""
    data = {
        "name": "Соколова Мария Ивановна",
        "email": "maria.sokolova@example.org",
        "phone": "",
        "address": "г. Волгоград, ул. Мира, д. 10",
        "municipality": "Волгоград",
        "topic": "",
        "description": "Третий год течёт крыша, управляющая компания не отвечает.",
        "consent": "on",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}

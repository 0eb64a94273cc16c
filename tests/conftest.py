import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def directory(db):
    from tests.factories import make_directory

    return make_directory()


@pytest.fixture
def admin_client(client, django_user_model, db):
    """A client logged in to the Wagtail admin as a superuser working in Russian."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client

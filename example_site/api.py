"""Wagtail's own API (v2) of the example site, on the site's router, beside the package's API.

Mounted at /api/v2/ so that the two can be compared: the package's page types declare
``api_fields``, so ``/api/v2/pages/?type=caseclub_wagtail.EventPage&fields=*`` gives their
public fields.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)

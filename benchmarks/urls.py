"""The example site's URLs, and a trivial Django view as the benchmark's first baseline."""

from django.urls import path
from django.views.generic import TemplateView

from example_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench/trivial/", TemplateView.as_view(template_name="benchmarks/trivial.html")),
    *site_urlpatterns,
]

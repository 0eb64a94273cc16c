"""Reading the package's API as a front end does: JSON bodies, problems, query counts."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

API = "/api/caseclub/"
PROBLEM_JSON = "application/problem+json"


def get_json(client, path, params=None, **headers):
    """The JSON body of a successful answer to ``GET <mount>/<path>``."""
    response = client.get(API + path, params or {}, headers=headers)
    assert response.status_code == 200, (path, params, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def get_problem(client, path, params=None, status=400, **headers):
    """The problem body of an answer that refuses ``GET <mount>/<path>``."""
    response = client.get(API + path, params or {}, headers=headers)
    assert response.status_code == status, (path, params, response.content[:500])
    assert response["Content-Type"] == PROBLEM_JSON
    return response.json()


def count_api_queries(client, path, params=None):
    """The number of queries of a second request for ``path``, and the answer's JSON."""
    # A first request fills the site caches and makes the photos' renditions.
    client.get(API + path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API + path, params or {})
    assert response.status_code == 200, (path, params)
    return len(queries), response.json()


def openapi_text(client) -> str:
    """The OpenAPI description, as text."""
    response = client.get(API + "openapi.json")
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)

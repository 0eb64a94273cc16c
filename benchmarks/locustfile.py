"""The users of `make loadtest`, one class per request measured (benchmarks/loadtest.py).

Each user sends its next request as soon as the last one is answered (no think time), so
a bounded number of users measures how many requests a second the workers can serve. The
paths come from the environment, found in the loaded data by the orchestrator.
"""

import os
import re
import uuid

from locust import HttpUser, constant, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="form_started" value="([^"]+)"')


def path(name: str) -> str:
    return os.environ[f"LOADTEST_{name.upper()}"]


class EventIndex(HttpUser):
    wait_time = constant(0)

    @task
    def event_index(self):
        self.client.get(path("event_index"), name="event index")


class CasePage(HttpUser):
    wait_time = constant(0)

    @task
    def case_page(self):
        self.client.get(path("case_page"), name="case page")


class EventsApi(HttpUser):
    wait_time = constant(0)

    @task
    def events_api(self):
        self.client.get(path("events_api"), name="events API")


class Registration(HttpUser):
    """Opens the registration form, then sends it; a 302 to the confirmation is success."""

    wait_time = constant(0)

    @task
    def register(self):
        url = path("registration")
        form = self.client.get(url, name="registration form (GET)")
        csrf, started = CSRF.search(form.text), STARTED.search(form.text)
        if not (form.ok and csrf and started):
            return
        data = {
            "csrfmiddlewaretoken": csrf[1],
            "form_started": started[1],
            "fax": "",
            "name": "Нагрузочный Тест",
            "email": f"load-{uuid.uuid4().hex}@example.org",
            "phone": "",
            "organization": "",
            "comment": "",
            "consent": "on",
        }
        with self.client.post(
            url,
            data,
            name="registration (POST)",
            allow_redirects=False,
            catch_response=True,
            headers={"Referer": f"{self.host}{url}"},
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"{answer.status_code} instead of the redirect to the confirmation")

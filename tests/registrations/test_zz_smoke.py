import datetime
from tests.factories import make_event_index, make_event, registration

def test_smoke(admin_client):
    index = make_event_index()
    event = make_event(index, "Заседание", datetime.datetime(2026, 12, 3, 18, 0))
    r = registration(event, email="a@example.org", phone="+7 900")
    registration(event, status="waitlisted")
    resp = admin_client.get("/admin/caseclub_wagtail/eventregistration/")
    print(resp.status_code)
    html = resp.content.decode()
    import re
    main = html[html.find('<main'):]
    print(re.sub(r'\n\s*\n+', '\n', main)[:6000])
    resp = admin_client.get(f"/admin/caseclub_wagtail/eventregistration/inspect/{r.pk}/")
    print(resp.status_code)
    resp = admin_client.get("/admin/caseclub_wagtail/eventregistration/?export=csv")
    print(resp.status_code, b"".join(resp.streaming_content).decode())
    resp = admin_client.get("/admin/caseclub_wagtail/eventregistration/?secret__startswith=a")
    print(resp.status_code)
    resp = admin_client.get("/admin/caseclub_wagtail/eventregistration/?date=2026-13-01")
    print(resp.status_code)
    resp = admin_client.get("/admin/caseclub_wagtail/outgoingemail/")
    print(resp.status_code)

"""Visitors read the site and the member directory in a browser."""

import re

from playwright.sync_api import expect

from caseclub_wagtail.models import Member


def test_home_page_leads_to_the_member_directory(page, demo):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Кейс-клуб ЖКХ")
    page.get_by_role("main").get_by_role("link", name="Члены клуба").click()
    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Члены клуба")


def test_directory_shows_leadership_first_and_no_private_data(page, demo):
    page.goto("/members/")
    titles = page.locator(".caseclub-card__title").all_inner_texts()
    chair = Member.objects.get(role="chair", status="active")
    deputies = set(
        Member.objects.public().filter(role="deputy_chair").values_list("name", flat=True)
    )
    assert titles[0] == chair.name
    assert set(titles[1 : 1 + len(deputies)]) == deputies
    html = page.content()
    for member in Member.objects.all():
        assert member.email not in html
        if member.phone:
            assert member.phone not in html
    for hidden in Member.objects.exclude(pk__in=Member.objects.public()):
        assert hidden.name not in html


def test_visitor_filters_and_searches_the_directory(page, demo):
    page.goto("/members/")
    expert = Member.objects.public().filter(category="volunteer_expert")
    page.get_by_label("Категория").select_option("volunteer_expert")
    page.get_by_role("button", name="Показать").click()
    expect(page).to_have_url(re.compile(r"category=volunteer_expert"))
    # The URL changes as soon as the new page starts to load, before its cards are there:
    # wait for the filtered list itself before reading it.
    cards = page.locator(".caseclub-card__title")
    expect(cards).to_have_count(expert.count())
    assert sorted(cards.all_inner_texts()) == sorted(expert.values_list("name", flat=True))
    expect(page.get_by_role("status")).to_contain_text(str(expert.count()))

    member = Member.objects.public().filter(role="member").last()
    surname = member.name.split()[0]
    page.get_by_label("Имя, организация или муниципалитет").fill(surname.lower())
    page.get_by_label("Категория").select_option("")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator(".caseclub-card__title").filter(has_text=member.name)).to_be_visible()
    page.get_by_role("link", name="Сбросить").click()
    expect(page).to_have_url(re.compile(r"/members/$"))


def test_visitor_opens_a_profile(page, demo):
    member = Member.objects.public().filter(rewards__isnull=False).distinct().first()
    page.goto("/members/")
    page.get_by_role("link", name=member.name).click()
    expect(page).to_have_url(re.compile(rf"/members/{member.registry_number}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(member.name)
    expect(page.get_by_role("heading", name="Поощрения")).to_be_visible()
    expect(page.get_by_text(member.rewards.first().title).first).to_be_visible()
    assert member.email not in page.content()


def test_an_unconsented_members_profile_number_is_not_found(page, demo):
    hidden = Member.objects.filter(status="active", public_profile=False).first()
    response = page.goto(f"/members/{hidden.registry_number}/")
    assert response.status == 404
    assert hidden.name not in page.content()
    ended = Member.objects.filter(status="terminated", public_profile=True).first()
    assert page.goto(f"/members/{ended.registry_number}/").status == 404

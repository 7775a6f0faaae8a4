"""`flask seed-demo` publishes the Spring 2026 edition with the newsletter's facts."""

from __future__ import annotations


def test_seed_demo_publishes_the_spring_edition(app, client):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    home = client.get("/").get_data(as_text=True)
    assert "Spring 2026 edition" in home and "Darryl Preston" in home
    for fact in ("£820k", "£1m", "Modern Slavery Statement", "Youth Scrutiny Roadshow", "60 arrests", "£98k"):
        assert fact in home, fact

    roadshow = client.get("/news/youth-scrutiny-roadshow-young-people-help-check-how-police-use-their-powers")
    page = roadshow.get_data(as_text=True)
    assert 'href="/roadshow/"' in page and 'href="/get-involved/"' in page
    assert "Community Scrutiny Panel" in page and "13 to 18" in page

    hypernova = client.get("/news/operation-hypernova-2-60-arrests-and-51-county-lines-shut-down").get_data(
        as_text=True
    )
    for figure in ("60", "51", "33", "93", "£45,000", "more than 30 dawn raids"):
        assert figure in hypernova, figure

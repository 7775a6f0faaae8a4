"""The demo Spring 2026 edition for `flask seed-demo`, told in this project's own words."""

from __future__ import annotations

from datetime import UTC, datetime

from roadshow.models import ArticleStatus
from roadshow.services.news import articles as news

PUBLISHED = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)

WELCOME = """\
Welcome to the spring edition of my newsletter.

The problems residents raise with me most often are the ones I put first. In this edition
you can read about new money we have won to deal with the local crime that makes people
afraid and stops them getting on with their lives. It will make our county safer this
year and for years to come.

I would also like to hear from young people who want to help check how officers in
Cambridgeshire use their powers to stop and search. You can find out how to get involved
below.

Darryl Preston, Police and Crime Commissioner
"""

# (section, title, summary, body)
ARTICLES: tuple[tuple[str, str, str, str], ...] = (
    (
        "communities",
        "£820k from Safer Streets 5 to protect neighbourhoods",
        "Work has started across Cambridgeshire and Peterborough to cut burglary and anti-social behaviour "
        "and to make women and girls safer.",
        """\
We have won **£820,000** from the Government's Safer Streets 5 fund, and the money is already
being spent on measures with good evidence behind them.

- People who work in the day and night-time economy, such as bus and taxi drivers, are being
  trained to recognise predatory behaviour and what to do about it.
- New CCTV cameras are going up.
- Residents who qualify can have free security improvements fitted to their homes.
""",
    ),
    (
        "communities",
        "£1m for hotspot patrols against violence and anti-social behaviour",
        "An extra £1m has been secured for uniformed patrols in the places that suffer most from violence "
        "and anti-social behaviour.",
        """\
Subject to final approval, the **£1 million** will pay for visible, uniformed patrols where the
figures show violence, anti-social behaviour and drug taking in public are most common.

The money comes from a **£66 million** national package the Government has set aside to bring
crime down and raise people's confidence in policing.
""",
    ),
    (
        "victims",
        "A renewed promise to end modern slavery and human trafficking",
        "The Commissioner and the Chief Constable have signed a refreshed Modern Slavery Statement.",
        """\
Darryl Preston and Chief Constable Nick Dean have put their names to an updated **Modern
Slavery Statement** for Cambridgeshire and Peterborough.

It sets out what will be done to keep modern slavery, human trafficking, forced labour and
exploitation out of the force's own work and out of the companies it buys from. It also
explains how we will work with colleagues, suppliers and partner organisations to spot new
risks early and reduce them.
""",
    ),
    (
        "ethical",
        "Youth Scrutiny Roadshow: young people help check how police use their powers",
        "Young people aged 13 to 18 can now have their say on stop and search and use of force.",
        """\
Together with the Constabulary, we have started a **Youth Scrutiny Roadshow**. Our team visits
groups of young people aged **13 to 18** to talk about how officers use stop and search and
use of force, and to hear what they think.

What young people tell us goes to the Commissioner's
[Community Scrutiny Panel](/get-involved/), which looks closely at how the Constabulary uses
its powers and pushes for improvements across Cambridgeshire and Peterborough.

Do you run a youth club, school group or community group? [Find out about the roadshow and
ask for a session](/roadshow/).
""",
    ),
    (
        "enforcement",
        "Operation Hypernova 2: 60 arrests and 51 county lines shut down",
        "The county's largest operation of its kind has taken apart 51 drug lines and led to 60 arrests.",
        """\
Over recent weeks, officers carried out **more than 30 dawn raids** in Cambridgeshire and
beyond its borders as part of Operation Hypernova 2, the biggest operation of its type the
county has seen.

- **60** people were arrested and **51** county lines were dismantled.
- **33** people have been charged with **93** offences, including drug supply and human
  trafficking.
- Crack cocaine, cocaine, heroin, cannabis and cash together worth **£45,000** were seized.
""",
    ),
    (
        "prevention",
        "£98k Youth Fund supports 33 projects for young people",
        "New activities are helping young people across the county grow in confidence and learn new skills.",
        """\
In the past twelve months the Commissioner's **Youth Fund** has put **£98,000** into more
activities for young people across Cambridgeshire and Peterborough.

The money has helped **33 projects**, from boxing clubs to music sessions, giving young people
safe places to go, new skills and a boost to their self-esteem.
""",
    ),
)


def seed_spring_edition() -> None:
    """Create and publish the Spring 2026 edition with one article per story."""
    edition = news.create_edition(news.EditionInput("Spring 2026", WELCOME), actor=None)
    edition.published_at = PUBLISHED
    for position, (section, title, summary, body) in enumerate(ARTICLES):
        data = news.ArticleInput(edition.id, section, title, summary, body, position=position)
        article = news.create_article(data, actor=None)
        article.status = ArticleStatus.PUBLISHED
        article.published_at = article.updated_at = PUBLISHED

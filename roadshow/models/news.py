"""The Commissioner's newsletter: editions and their articles.

Markdown is rendered and sanitised when it is saved, so public pages only print
the stored HTML.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from roadshow.extensions import db
from roadshow.models.types import UTCDateTime
from roadshow.timeutil import utcnow

__all__ = ["SECTIONS", "Article", "ArticleStatus", "Edition"]

# (code, heading) in the order the newsletter prints them.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("communities", "Putting communities first"),
    ("victims", "Supporting victims and witnesses"),
    ("ethical", "Ethical policing"),
    ("enforcement", "Robust enforcement"),
    ("prevention", "Crime prevention"),
)


class ArticleStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Edition(db.Model):
    """One issue of the newsletter, e.g. "Spring 2026", with the Commissioner's welcome."""

    __tablename__ = "news_editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(80))
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    welcome: Mapped[str] = mapped_column(sa.Text, default="")
    welcome_html: Mapped[str] = mapped_column(sa.Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    articles = relationship("Article", back_populates="edition", order_by="Article.id")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Article(db.Model):
    """One piece in an edition: a card on the home page and its own page."""

    __tablename__ = "news_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("news_editions.id", ondelete="RESTRICT"), index=True)
    section: Mapped[str] = mapped_column(sa.String(20))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(160))
    slug: Mapped[str] = mapped_column(sa.String(180), unique=True)
    summary: Mapped[str] = mapped_column(sa.String(600), default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    read_more_url: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[str] = mapped_column(sa.String(12), default=ArticleStatus.DRAFT, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    edition = relationship("Edition", back_populates="articles")
    author = relationship("User")

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def section_name(self) -> str:
        return dict(SECTIONS).get(self.section, self.section)

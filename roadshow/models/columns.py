"""Column factories for the shapes many tables share, so each is declared (and indexed) one way."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import mapped_column


def parent_id(table: str) -> Any:
    """The id of the row this one belongs to: indexed, and deleted with it (ON DELETE CASCADE)."""
    return mapped_column(sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)

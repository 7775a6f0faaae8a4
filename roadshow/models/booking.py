"""booking models (filled in by its feature)."""

__all__: list[str] = []

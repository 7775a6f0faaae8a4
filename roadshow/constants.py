"""Fixed lists used across features."""

DISTRICTS: tuple[tuple[str, str], ...] = (
    ("cambridge", "Cambridge"),
    ("east_cambridgeshire", "East Cambridgeshire"),
    ("fenland", "Fenland"),
    ("huntingdonshire", "Huntingdonshire"),
    ("south_cambridgeshire", "South Cambridgeshire"),
    ("peterborough", "Peterborough"),
)
DISTRICT_NAMES: dict[str, str] = dict(DISTRICTS)

AGE_BANDS: tuple[str, ...] = ("13-15", "16-17", "18")


def age_band(age: int) -> str:
    """The reporting band for an age inside 13 to 18."""
    if not 13 <= age <= 18:
        raise ValueError("age outside 13 to 18")
    if age <= 15:
        return "13-15"
    return "16-17" if age <= 17 else "18"

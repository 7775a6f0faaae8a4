"""Fixed lists and rules used across features: each is written once, here."""

DISTRICTS: tuple[tuple[str, str], ...] = (
    ("cambridge", "Cambridge"),
    ("east_cambridgeshire", "East Cambridgeshire"),
    ("fenland", "Fenland"),
    ("huntingdonshire", "Huntingdonshire"),
    ("south_cambridgeshire", "South Cambridgeshire"),
    ("peterborough", "Peterborough"),
)
DISTRICT_NAMES: dict[str, str] = dict(DISTRICTS)
# Towns that help a young person place a district (the questionnaire's hints).
DISTRICT_TOWNS: dict[str, str] = {
    "east_cambridgeshire": "Ely or Soham",
    "fenland": "March, Wisbech or Whittlesey",
    "huntingdonshire": "Huntingdon, St Ives or St Neots",
    "south_cambridgeshire": "Cambourne or Sawston",
}

# The roadshow's young people: sessions, feedback and the youth team are for these ages only.
YOUTH_MIN_AGE = 13
YOUTH_MAX_AGE = 18
YOUTH_AGES = range(YOUTH_MIN_AGE, YOUTH_MAX_AGE + 1)
YOUTH_AGES_TEXT = f"{YOUTH_MIN_AGE} to {YOUTH_MAX_AGE}"

AGE_BANDS: tuple[str, ...] = ("13-15", "16-17", "18")


def age_band(age: int) -> str:
    """The reporting band for an age in YOUTH_AGES."""
    if age not in YOUTH_AGES:
        raise ValueError(f"age outside {YOUTH_AGES_TEXT}")
    if age <= 15:
        return "13-15"
    return "16-17" if age <= 17 else "18"

"""Every message of the feedback journey is translated into every language, and the .po files match the sources.

The messages are extracted afresh from the templates and modules `babel.cfg` names (as `make messages`
does), so a new or reworded message fails here until each language has it; a message no longer in
the sources fails too (an out-of-date .po file). Placeholders and HTML must survive translation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from config import ROOT
from roadshow.i18n import TRANSLATED

TRANSLATIONS = ROOT / "translations"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "lazy_gettext": None}
TAG = re.compile(r"</?[a-z]+\b[^>]*>")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def journey_messages() -> set[str]:
    """The message ids of the journey, extracted from the sources as `make messages` does."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    # As `pybabel extract --ignore-dirs='.*'`: folders starting with "_" (templates/_macros) are searched too.
    visible = lambda folder: not Path(folder).name.startswith(".")  # noqa: E731
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS, directory_filter=visible)
    return {message if isinstance(message, str) else message[0] for _file, _line, message, *_ in found if message}


def gaps(catalog: Catalog, wanted: set[str]) -> list[str]:
    """What is wrong with one language's catalogue: missing, untranslated, fuzzy, stale, or broken messages."""
    have = {m.id: m for m in catalog if m.id}
    problems = [f"missing: {i!r}" for i in sorted(wanted - set(have))]
    problems += [f"no longer in the sources: {i!r}" for i in sorted(set(have) - wanted)]
    for msgid, message in have.items():
        if msgid not in wanted:
            continue
        if not message.string or not str(message.string).strip():
            problems.append(f"not translated: {msgid!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy (needs a check): {msgid!r}")
        elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(str(message.string))):
            problems.append(f"placeholders differ: {msgid!r}")
        elif sorted(TAG.findall(msgid)) != sorted(TAG.findall(str(message.string))):
            problems.append(f"HTML differs: {msgid!r}")
    return problems


def _catalog(code: str) -> Catalog:
    path = TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        return read_po(po, locale=code)


@pytest.fixture(scope="module")
def wanted() -> set[str]:
    messages = journey_messages()
    assert len(messages) > 150, "the journey's messages were not found: is babel.cfg right?"
    return messages


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_journey_message_is_translated_and_the_po_file_is_up_to_date(code: str, wanted: set[str]) -> None:
    problems = gaps(_catalog(code), wanted)
    assert not problems, f"{code}: {len(problems)} problem(s); run `make messages` and translate:\n" + "\n".join(
        problems
    )


def test_the_check_notices_a_translation_taken_out(wanted: set[str]) -> None:
    """The check itself: one message emptied in a catalogue, and one new message in the sources, are both reported."""
    catalog = _catalog("pl")
    catalog["Continue"].string = ""
    problems = gaps(catalog, wanted | {"A message nobody has translated yet"})
    assert "not translated: 'Continue'" in problems
    assert "missing: 'A message nobody has translated yet'" in problems


def test_compiled_catalogues_are_in_place_for_the_app() -> None:
    """`make install` compiled each .po file: without the .mo the pages would silently stay in English."""
    for code in TRANSLATED:
        po = TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"
        mo = Path(po).with_suffix(".mo")
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, f"run `make install` ({code})"

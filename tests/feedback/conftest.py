"""Fixtures shared by the feedback browser tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, request: pytest.FixtureRequest) -> Iterator:
    """A fresh phone-sized browser context; JavaScript on or off as the test's indirect parameter asks."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=request.param)
    page = context.new_page()
    page.javascript = request.param
    yield page
    context.close()

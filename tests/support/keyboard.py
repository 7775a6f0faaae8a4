"""Filling a form with the keyboard alone: Tab between fields, type, arrows and space to choose, Enter to send."""

from __future__ import annotations

FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName.toLowerCase(), type: (e.type || '').toLowerCase(), name: e.name || '',
          value: e.value || '', checked: !!e.checked, text: (e.innerText || e.value || '').trim()};
}"""


def tab_through(page, answers: dict[str, str], submit: str, max_tabs: int = 250) -> list[str]:
    """Answer each field named in `answers` as Tab reaches it; press Enter on the `submit` button.

    Checkbox answers are comma-separated values. Returns the field names reached, in order.
    """
    reached: list[str] = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUSED)
        if el["tag"] == "button" or el["type"] == "submit":
            if el["text"] == submit:
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                return reached
            continue
        if el["name"] not in answers:
            continue
        reached.append(el["name"])
        _answer(page, el, answers[el["name"]])
    raise AssertionError(f"never reached a {submit!r} button by pressing Tab; reached {reached}")


def _answer(page, el: dict, want: str) -> None:
    if el["type"] == "radio":
        for _ in range(30):  # arrows move the choice within a radio group
            if page.evaluate("document.activeElement.value") == want:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
    elif el["type"] == "checkbox":
        if el["value"] in want.split(",") and not el["checked"]:
            page.keyboard.press("Space")
    elif el["tag"] == "select":
        for _ in range(40):
            if page.evaluate("document.activeElement.value") == want:
                break
            page.keyboard.press("ArrowDown")
    elif el["type"] == "date":
        # `want` is ISO (YYYY-MM-DD). Headless Chromium's date box takes month, day, year in
        # that order whatever the page's locale, so type the digits that way and check.
        year, month, day = want.split("-")
        page.keyboard.type(month + day + year)
        assert page.evaluate("document.activeElement.value") == want, "the date box did not take the date"
    else:
        page.keyboard.type(want)

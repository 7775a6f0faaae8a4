"""Addresses and phone numbers shown as people write them: "01223 456789", one address line per line."""

from __future__ import annotations

import re

# Area codes that are written with the short groupings (London 020, Birmingham 0121, and so on).
_THREE_DIGIT = ("02",)
_FOUR_DIGIT = ("011", "03", "08", "09")


def phone(number: str) -> str:
    """A stored UK number ("07700900123", "+441223456789") spaced the way it is said aloud."""
    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    if not digits.isdigit() or not digits.startswith("0") or len(digits) not in (10, 11):
        return number or ""
    if digits.startswith(_THREE_DIGIT) and len(digits) == 11:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if (digits.startswith(_FOUR_DIGIT) or (digits.startswith("01") and digits[3] == "1")) and len(digits) == 11:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if digits.startswith("08") and len(digits) == 10:
        return f"{digits[:4]} {digits[4:]}"
    return f"{digits[:5]} {digits[5:]}"


def address_lines(address: str) -> list[str]:
    """An address typed on one line with commas, or on several lines, as separate tidy lines."""
    parts = re.split(r"[\n,]+", address or "")
    return [" ".join(p.split()) for p in parts if p.strip()]


def one_line(address: str) -> str:
    """The same address on one line, as an email or a calendar entry has it."""
    return ", ".join(address_lines(address))

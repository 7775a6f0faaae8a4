"""Reading a segno SVG back into the set of dark modules, to compare with the code a URL should give."""

from __future__ import annotations

import re

import segno

_COMMAND = re.compile(r"([MmHhVvZz])\s*(-?[\d.]+)?(?:[\s,]+(-?[\d.]+))?")


def dark_modules_from_path(d: str) -> set[tuple[int, int]]:
    """(row, column) of every dark module drawn by a path of horizontal strokes, border included."""
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, a, b in _COMMAND.findall(d):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        elif command == "h":
            for step in range(int(float(a))):
                dark.add((int(y), int(x) + step))
            x += float(a)
        elif command == "H":
            for column in range(int(x), int(float(a))):
                dark.add((int(y), column))
            x = float(a)
        else:
            raise ValueError(f"unexpected path command {command}")
    return dark


def dark_modules_for(url: str, border: int = 4) -> set[tuple[int, int]]:
    """What a QR code of `url` (error level M) must draw."""
    matrix = segno.make(url, error="m", micro=False).matrix
    return {(r + border, c + border) for r, row in enumerate(matrix) for c, bit in enumerate(row) if bit}

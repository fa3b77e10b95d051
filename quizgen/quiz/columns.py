"""A table that fits the terminal: the numbers stay in line, a name too long for what they
leave of the width takes a line of its own above them."""

from __future__ import annotations


def table(rows: list[tuple], width: int, header: tuple | None = None, indent: str = "") -> str:
    """Rows of (name, value, value...): values right-aligned under their header."""
    everything = ([header] if header else []) + [tuple(str(c) for c in r) for r in rows]
    values = [max(len(r[i]) for r in everything) for i in range(1, len(everything[0]))]
    room = width - len(indent) - sum(values) - 2 * len(values)
    name_width = min(max(len(r[0]) for r in everything), max(room, 0))
    lines = []
    for name, *cells in everything:
        if len(name) > name_width:
            lines.append(f"{indent}{name}")
            name = ""
        tail = "".join(f"  {cell:>{w}}" for cell, w in zip(cells, values))
        lines.append(f"{indent}{name:<{name_width}}{tail}".rstrip())
    return "\n".join(lines)


def points(value: float) -> str:
    """A score as people write it: 1, 0.5, 2.33 (never 0.333333)."""
    return f"{round(value, 2):g}"

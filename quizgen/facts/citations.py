"""Warnings about citations that verify but may not say what the editor meant: two
citations that stand side by side with only a comma between them (a YAML flow list,
`citations: [a, b]`, splits a citation holding a comma), and citations too short to show
what they support."""

from __future__ import annotations

from ..errors import Problem
from .article import Article
from .kinds import Fact
from .yaml_reader import item_line, line_of

MIN_WORDS = 3
_JOINS = (", ", ",", " , ")  # what a split at a comma leaves between the halves


def citation_warnings(fact: Fact, node, article: Article) -> list[Problem]:
    """The warnings about one fact's citations, each at the citation's line."""
    lines = node.get("citations") if isinstance(node, dict) else None
    found: list[Problem] = []

    def warn(index: int, message: str, hint: str) -> None:
        line = item_line(lines, index, line_of(node) if node is not None else None)
        found.append(Problem(fact.file, line, None, fact.id, message, hint, "warning"))

    citations = fact.citations
    for index, citation in enumerate(citations):
        if len(citation.split()) < MIN_WORDS:
            warn(
                index,
                f"citation '{citation}' is under {MIN_WORDS} words",
                "cite the passage that shows the fact, not a word or two of it",
            )
    for second in range(1, len(citations)):
        for first in range(second):
            pair = _side_by_side(article, citations[first], citations[second])
            if pair is not None:
                warn(
                    second,
                    f"citations {pair[0] + 1} and {pair[1] + 1} stand side by side in the "
                    "article with only a comma between them: did YAML split one citation "
                    "at a comma? quote it",
                    f'write it as one quoted item: - "{citations[pair[0]]}, {citations[pair[1]]}"',
                )
                return found  # one such warning a fact is enough
    return found


def _side_by_side(article: Article, one: str, other: str) -> tuple[int, int] | None:
    """(0, 1) when `one` then `other` stand joined by a comma, (1, 0) the other way."""
    for order, (left, right) in (((0, 1), (one, other)), ((1, 0), (other, one))):
        if any(article.contains(f"{left}{join}{right}") for join in _JOINS):
            return order
    return None

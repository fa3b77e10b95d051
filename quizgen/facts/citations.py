"""Warnings about citations that verify but may not say what the editor meant: two
citations that stand side by side with only a comma between them (a YAML flow list,
`citations: [a, b]`, splits a citation holding a comma), and citations too short to show
what they support."""

from __future__ import annotations

import json

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
    run = _split_run(article, citations)
    split = range(run[0], run[1] + 1) if run else range(0)
    for index, citation in enumerate(citations):
        if len(citation.split()) < MIN_WORDS and index not in split:  # a split piece: once
            warn(
                index,
                f"citation '{citation}' is under {MIN_WORDS} words",
                "cite the passage that shows the fact, not a word or two of it",
            )
    if run is not None:
        first, last = run
        which = f"{first + 1} and {last + 1}" if last == first + 1 else f"{first + 1} to {last + 1}"
        warn(
            last,
            f"citations {which} stand side by side in the article with only a comma between "
            "them: did YAML split one citation at a comma? quote it",
            "write it as one quoted item: - "
            + json.dumps(", ".join(citations[first : last + 1]), ensure_ascii=False),
        )
    return found


def _split_run(article: Article, citations: tuple[str, ...]) -> tuple[int, int] | None:
    """(first, last): the first run of citations that stand one after another in the
    article joined by commas, as a flow list split at its commas leaves them."""
    index = 0
    while index < len(citations) - 1:
        last = index
        while last + 1 < len(citations) and _joined(article, citations[last], citations[last + 1]):
            last += 1
        if last > index:
            return index, last
        index += 1
    return None


def _joined(article: Article, left: str, right: str) -> bool:
    return any(article.contains(f"{left}{join}{right}") for join in _JOINS)

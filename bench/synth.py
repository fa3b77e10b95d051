"""Synthetic but valid fact bases of any size: every fact kind, and citations that really
stand in a generated article of matching size."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

WORDS = (
    "talks envoy treaty border council summit proposal ceasefire delegation statement "
    "guarantee neutrality agreement capital minister region accord clause draft reform "
    "observer mandate charter session vote motion reply dispute mission report"
).split()
TOPICS = [
    "people",
    "positions",
    "communique",
    "guarantors",
    "collapse-causes",
    "timeline",
    "figures",
]
KINDS = (
    ["person"] * 10
    + ["position"] * 28
    + ["list"] * 2
    + ["cause"] * 12
    + ["event"] * 20
    + ["figure"] * 13
    + ["quote"] * 15
)


def _phrase(rng: random.Random, index: int, size: int = 9) -> str:
    words = [rng.choice(WORDS) for _ in range(size)]
    words.insert(size // 2, f"item{index}")  # makes every passage unique
    return " ".join(words)


def make_base(folder: Path, count: int, seed: int = 1, per_file: int = 1000) -> Path:
    """Write facts/<source>/ and decks/ for `count` facts under `folder`."""
    rng = random.Random(seed)
    source = folder / "facts" / "synthetic"
    source.mkdir(parents=True)
    (folder / "decks").mkdir()
    sentences: list[str] = []
    facts: list[dict] = []
    people: list[str] = []

    def cite(index: int) -> str:
        passage = _phrase(rng, index)
        sentences.append(f"In this report, {passage}.")
        return passage

    for index in range(count):
        kind = KINDS[index % len(KINDS)] if index >= 5 else "person"
        topic = TOPICS[index % len(TOPICS)]
        fact: dict = {"id": f"f{index}-{kind}", "kind": kind, "topic": topic}
        citation = cite(index)
        fact["citations"] = [citation]
        year = 2000 + index % 25
        if kind == "person":
            fact.update(
                name=f"Person Number{index}",
                role=f"the envoy of region {index}",
                aliases=[f"Number{index}"],
                distractors=[f"Nobody Else{index}"],
            )
            people.append(fact["id"])
        elif kind == "position":
            fact.update(
                actor=rng.choice(people),
                stance=f"proposed the {citation}",
                when={"date": f"{year}-{index % 12 + 1:02d}"},
                cloze=[f"item{index}"],
                false_statements=[f"Nobody proposed anything about item{index}."],
            )
        elif kind == "list":
            fact.update(
                name=f"states of group {index}",
                item="state",
                groups=[{"id": "core", "name": "core members"}],
                members=[{"name": f"State{index}x{m}", "group": "core"} for m in range(5)],
                distractors=[f"Other{index}x{m}" for m in range(4)],
            )
        elif kind == "cause":
            fact.update(
                given_by=rng.choice(people),
                verb="claimed",
                claim=f"the talks failed over the {citation}",
                when=year,
                cloze=[f"item{index}"],
            )
        elif kind == "event":
            fact.update(
                what=f"the {citation} happened",
                when={"date": year, "order": index % 5 + 1},
                false_statements=[f"The item{index} never happened."],
            )
        elif kind == "figure":
            fact.update(
                value=index + 10,
                unit="troops",
                counts=f"the size of force {index}",
                distractors=[index + 1000, index + 2000, index + 3000],
            )
        else:  # quote
            fact.update(speaker=rng.choice(people), text=citation, when=year)
        facts.append(fact)

    article = "Synthetic Article\n\n" + "\n\n".join(
        " ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)
    )
    (source / "article.txt").write_text(article + "\n", encoding="utf-8")
    (source / "source.yaml").write_text(
        yaml.safe_dump(
            {
                "title": "Synthetic Article",
                "article": "article.txt",
                "topics": [{"id": t, "title": t.capitalize()} for t in TOPICS],
            }
        ),
        encoding="utf-8",
    )
    for start in range(0, len(facts), per_file):
        chunk = facts[start : start + per_file]
        (source / f"facts-{start // per_file:04d}.yaml").write_text(
            yaml.dump({"facts": chunk}, Dumper=DUMPER, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    (folder / "decks" / "synthetic.yaml").write_text(
        yaml.safe_dump(
            {
                "title": "Synthetic",
                "id": 1999999999,
                "sources": ["synthetic"],
                "outputs": ["apkg"],
                "seed": 1,
            }
        ),
        encoding="utf-8",
    )
    return folder

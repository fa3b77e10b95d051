"""The commented example facts `quizgen new` writes: one of each kind, every field shown
with what it means (from the kinds' field specs, so a field added to a kind shows here
too), citing real sentences of the editor's article."""

from __future__ import annotations

import json
import re

from .fields import COMMON, KIND_FIELDS

# one example of each kind: (field, value as YAML); a value may hold {cite}, a sentence of
# the article. The topics are those the scaffold's source.yaml declares (scaffold.TOPICS).
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "person": [
        ("topic", "people"),
        ("name", "Jane Doe"),
        ("role", "the mayor of the town"),
        ("aliases", "\n  - Doe\n  - Mayor Doe"),
        ("type", "individual"),
        ("distractors", "\n  - John Roe\n  - Mary Major"),
    ],
    "position": [
        ("topic", "positions"),
        ("actor", "jane-doe"),
        ("stance", "said the new bridge should open in the spring"),
        ("when", "{date: 2024-05, label: in May 2024}"),
        ("cloze", "\n  - the new bridge"),
        ("false_statements", "\n  - Jane Doe said the new bridge should never open."),
    ],
    "list": [
        ("topic", "groups"),
        ("name", "towns that signed the water agreement"),
        ("item", "town"),
        ("members", "\n  - {name: Northfield, aliases: [North Field]}\n  - {name: Easton}"),
        ("distractors", "\n  - Westbury"),
    ],
    "cause": [
        ("topic", "causes"),
        ("given_by", "jane-doe"),
        ("verb", "claimed"),
        ("claim", "the funding had run out"),
        ("when", "2024"),
    ],
    "event": [
        ("topic", "timeline"),
        ("what", "the town council approved the bridge"),
        ("when", "2023-10-12"),
        ("cloze", "\n  - town council"),
        ("spellings", "{town council: [council]}"),
    ],
    "figure": [
        ("topic", "figures"),
        ("sentence", "About 120 workers built the bridge."),
        ("value", "120"),
        ("qualifier", "about"),
        ("unit", "workers"),
        ("counts", "the number of workers who built the bridge"),
        ("distractors", "\n  - 12\n  - 1200"),
    ],
    "quote": [
        ("topic", "positions"),
        ("speaker", "jane-doe"),
        ("text", "We will finish on time"),
        ("when", "{date: 2024-05, label: in May 2024}"),
    ],
}


# a sentence likely to hold a fact of the kind, to start from (else the next unused one)
LIKELY = {
    "person": re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b"),
    "position": re.compile(r"(?i)\b(said|says|argued|proposed|called for|wants?)\b"),
    "list": re.compile(r",[^,]+,[^,]* and "),
    "cause": re.compile(r"(?i)\b(because|after|since|due to|blamed|so that)\b"),
    "event": re.compile(r"\b(1[89]|20)\d\d\b"),
    "figure": re.compile(r"\d"),
    "quote": re.compile(r"[\"“”«»]"),
}


PICK_ORDER = ("quote", "figure", "event", "list", "person", "position", "cause")


def example_facts(sentences: list[str]) -> str:
    """The commented examples, each citing a sentence of the article likely to hold a
    fact of its kind (each sentence once while they last)."""
    used: set[str] = set()
    order = [*(k for k in PICK_ORDER if k in KIND_FIELDS), *KIND_FIELDS]  # the telling first
    cites: dict[str, str] = {}
    for kind in dict.fromkeys(order):
        cites[kind] = _pick(kind, sentences, used)
    return "\n".join(_example(kind, cites[kind]) for kind in KIND_FIELDS)


def _pick(kind: str, sentences: list[str], used: set[str]) -> str:
    if not sentences:
        return "a passage copied from the article"
    likely = LIKELY.get(kind)
    fresh = [s for s in sentences if s not in used] or sentences
    chosen = next((s for s in fresh if likely and likely.search(s)), fresh[0])
    used.add(chosen)
    return chosen


def _example(kind: str, cite: str) -> str:
    """One kind's example: every field of the kind, then the curated extras it uses."""
    given = dict(EXAMPLES.get(kind, []))
    specs = {**COMMON, **KIND_FIELDS[kind]}
    extras = [
        n
        for n in ("sentence", "distractors", "false_statements", "cloze", "spellings")
        if n in given
    ]
    lines = [f"- id: example-{kind}", f"  kind: {kind}"]
    for name in ("topic", *KIND_FIELDS[kind], *extras):
        spec = specs[name]
        if name not in given and not spec.required:  # stays a comment when uncommented
            lines.append(f"  # {name}: ...    # optional: {spec.doc}")
            continue
        first, *rest = given.get(name, "...").split("\n")
        need = "" if spec.required else "optional: "
        lines.append(f"  {name}: {first}".rstrip() + f"    # {need}{spec.doc}")
        lines += [f"  {line}" for line in rest]
    lines += [
        "  citations:    # passages copied verbatim from the article, one a line",
        f"    - {json.dumps(cite, ensure_ascii=False)}",
    ]
    return "\n".join(f"# {line}" for line in lines) + "\n"

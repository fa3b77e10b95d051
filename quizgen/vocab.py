"""The words quizgen knows: topics, question kinds, output formats. No imports, so any
command can use them at no cost."""

TOPICS: dict[str, str] = {
    "people": "People",
    "positions": "Positions",
    "communique": "The 2022 draft communiqué",
    "guarantors": "Guarantors",
    "collapse-causes": "Why the 2022 talks collapsed",
    "timeline": "Timeline",
    "figures": "Figures",
}
"""Every topic a fact may have, with the title its sub-deck and worksheet section use."""

QUESTION_KINDS: dict[str, str] = {
    "short": "short answer",
    "mcq": "multiple choice",
    "multi": "multiple select",
    "tf": "true / false",
    "cloze": "cloze",
    "list": "list recall",
    "quote": "quote attribution",
    "chronology": "chronology",
    "matching": "matching",
    "numeric": "numeric",
}
"""Every kind of question, by the short name recipes, tags and `--kind` use."""

OUTPUT_FORMATS = ("apkg", "html", "pdf", "gift", "moodle", "qti", "md", "csv", "json")

PERSON_TYPES = ("individual", "state", "group", "organisation")

"""The words quizgen knows: question kinds, output formats (the exporters'
registry). No imports, so any command can use them at no cost."""

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

OUTPUTS: dict[str, dict] = {
    "apkg": {"writer": "quizgen.exporters.anki:export", "stream": True, "select": "anki"},
    "html": {"writer": "quizgen.exporters.worksheet:export_html", "worksheet": True},
    "pdf": {"writer": "quizgen.exporters.worksheet:export_pdf", "worksheet": True},
    "gift": {"writer": "quizgen.exporters.gift:export"},
    "moodle": {"writer": "quizgen.exporters.moodle_xml:export"},
    "qti": {"writer": "quizgen.exporters.qti:export"},
    "md": {"writer": "quizgen.exporters.markdown:export"},
    "csv": {"writer": "quizgen.exporters.table:export", "select": "anki"},
    "json": {"writer": "quizgen.exporters.json_export:export"},
}
"""The exporters' registry: format name -> "writer" ("module:function", imported only when
the format is built); "stream": it takes a one-pass stream of questions (when it is the only
format built), else a list; "worksheet": it takes the recipe's worksheet count of them;
"select": the medium whose selection it takes (questions/selection.py; default "lms", the
whole bank; worksheets take "worksheet")."""

OUTPUT_FORMATS = tuple(OUTPUTS)

PERSON_TYPES = ("individual", "state", "group", "organisation")

"""quizgen's Anki note types. Their ids are fixed forever: a re-import must find them."""

from __future__ import annotations

import genanki

BASIC_ID = 1733214601
TYPE_IN_ID = 1733214602
CLOZE_ID = 1733214603
CHOICE_ID = 1733214604

CSS = """\
.card {
  font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
  font-size: 20px; line-height: 1.45; text-align: left;
  color: #1d1d1f; background: #fdfdfd;
  max-width: 40em; margin: 0 auto; padding: 0.6em;
}
.nightMode.card, .night_mode .card, .card.nightMode { color: #e6e6e6; background: #1e1e1e; }
.qg-prompt { font-weight: 600; margin-bottom: 0.6em; }
.qg-choices, .qg-items { list-style: none; padding: 0; margin: 0.4em 0; }
.qg-choices li, .qg-items li {
  margin: 0.3em 0; padding: 0.35em 0.6em; border: 1px solid #c7c7cc; border-radius: 0.4em;
}
.qg-letter { display: inline-block; min-width: 1.6em; font-weight: 700; }
.qg-right { border-color: #1a7f37 !important; background: rgba(26, 127, 55, 0.12); }
.qg-right::after { content: " \\2713"; color: #1a7f37; font-weight: 700; }
.qg-wrong { opacity: 0.7; }
.nightMode .qg-right::after, .night_mode .qg-right::after { color: #5fd17a; }
.qg-answer { font-size: 1.1em; font-weight: 600; margin: 0.5em 0; }
.qg-accepted, .qg-explanation { margin: 0.5em 0; }
.qg-accepted { font-size: 0.85em; font-weight: normal; opacity: 0.8; }
.qg-citation {
  margin: 0.8em 0 0.3em; padding: 0.4em 0.8em; border-left: 3px solid #8e8e93;
  font-size: 0.85em; font-style: italic;
}
.qg-citation p { margin: 0.2em 0; }
.qg-source { font-size: 0.75em; opacity: 0.7; }
.cloze { font-weight: 700; color: #0a5fb4; }
.nightMode .cloze, .night_mode .cloze { color: #7db9ff; }
@media (max-width: 480px) { .card { font-size: 18px; padding: 0.3em; } }
"""

_BACK_NOTES = """
{{#Explanation}}<div class="qg-explanation">{{Explanation}}</div>{{/Explanation}}
<div class="qg-citation">{{Citation}}</div>
<div class="qg-source">{{Source}}</div>"""

BASIC = genanki.Model(
    BASIC_ID,
    "quizgen Basic",
    fields=[{"name": n} for n in ("Front", "Back", "Explanation", "Citation", "Source")],
    templates=[
        {
            "name": "Card 1",
            "qfmt": '<div class="qg-prompt">{{Front}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="qg-answer">{{Back}}</div>'
            + _BACK_NOTES,
        }
    ],
    css=CSS,
)

TYPE_IN = genanki.Model(
    TYPE_IN_ID,
    "quizgen Type-in",
    fields=[
        {"name": n} for n in ("Front", "Answer", "Accepted", "Explanation", "Citation", "Source")
    ],
    templates=[
        {
            "name": "Card 1",
            "qfmt": '<div class="qg-prompt">{{Front}}</div>{{type:Answer}}',
            # An answer with other spellings is revealed, not typed: Anki compares a typed
            # answer exactly, so its Answer field is empty (no box) and Accepted holds it.
            "afmt": '<div class="qg-prompt">{{Front}}</div><hr id="answer">{{type:Answer}}'
            '{{#Answer}}<div class="qg-answer">{{Answer}}</div>{{/Answer}}'
            '{{#Accepted}}<div class="qg-answer">{{Accepted}}</div>{{/Accepted}}' + _BACK_NOTES,
        }
    ],
    css=CSS,
)

CLOZE = genanki.Model(
    CLOZE_ID,
    "quizgen Cloze",
    fields=[{"name": n} for n in ("Text", "Explanation", "Citation", "Source")],
    templates=[
        {
            "name": "Cloze",
            "qfmt": '<div class="qg-prompt">{{cloze:Text}}</div>',
            "afmt": '<div class="qg-prompt">{{cloze:Text}}</div>' + _BACK_NOTES,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)

# Multiple choice without JavaScript: the front letters the choices; the back shows them all
# again, the right one(s) marked, so it reads the same on AnkiDroid and AnkiMobile.
CHOICE = genanki.Model(
    CHOICE_ID,
    "quizgen Multiple choice",
    fields=[
        {"name": n}
        for n in (
            "Question",
            "Choices",
            "ChoicesMarked",
            "Answer",
            "Explanation",
            "Citation",
            "Source",
        )
    ],
    templates=[
        {
            "name": "Card 1",
            "qfmt": '<div class="qg-prompt">{{Question}}</div>{{Choices}}',
            "afmt": '<div class="qg-prompt">{{Question}}</div>{{ChoicesMarked}}<hr id="answer">'
            '<div class="qg-answer">{{Answer}}</div>' + _BACK_NOTES,
        }
    ],
    css=CSS,
)

MODELS = (BASIC, TYPE_IN, CLOZE, CHOICE)

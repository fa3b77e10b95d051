"""A source folder's source.yaml and its article: the metadata checked field by field, the
article read and indexed for citation checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from ..paths import SOURCE_FILE, display_path, unreadable
from .article import Article
from .fields import Field, read_fields
from .kinds import Source, Topic
from .values import Invalid, integer, slug, text
from .yaml_reader import Node, load_mapping, read_text

SOURCE_FIELDS: dict[str, Field] = {
    "id": Field(slug, False, "defaults to the folder's name"),
    "title": Field(text, True, "the article's headline"),
    "article": Field(text, True, "file name of the article text, beside source.yaml"),
    "language": Field(text, False, "language code, default 'en'"),
    "supported_by": Field(text, False, "agency that supported the reporting"),
    "documents": Field(lambda v: v, False, "documents the reporting draws on"),
    "period": Field(lambda v: v, False, "{from: YEAR, to: YEAR, note: ...}"),
    "topics": Field(lambda v: v, False, "the topics its facts have: [{id, title, order, phrase}]"),
}

TOPIC_FIELDS: dict[str, Field] = {
    "id": Field(slug, True, "the name facts give in `topic`"),
    "title": Field(text, True, "its sub-deck's and worksheet section's title"),
    "order": Field(integer, False, "where it comes among the topics (default: as listed)"),
    "phrase": Field(text, False, "one of its facts as a noun phrase, for prompts"),
}
TOPICS_HINT = "topics:\n  - {id: people, title: People}"


def load_source(folder: Path, problems: list[Problem]) -> tuple[Source, Article] | None:
    """The source's metadata and its article, indexed; None with problems recorded."""
    path = folder / SOURCE_FILE
    shown = display_path(path)
    why = unreadable(path, folder)
    if why is not None:
        problems.append(Problem(shown, message=why))
        return None
    data = load_mapping(path, shown, problems, "the source metadata")
    if data is None:
        return None
    found = len(problems)
    values = read_fields(data, SOURCE_FIELDS, shown, "in source metadata", problems)
    period = _period(values.get("period"), shown, data, problems)
    documents = _documents(values.get("documents", []), shown, data, problems)
    topics = _topics(data.get("topics", []), shown, data, problems)
    if len(problems) > found:
        return None
    article_path = folder / values["article"]
    article_shown = display_path(article_path)
    why = _unsafe_article(article_path, folder, article_shown)
    if why is not None:
        message, hint = why
        problems.append(
            Problem(
                shown,
                data.line_of("article"),
                message=f"article file '{values['article']}' {message}",
                hint=hint,
            )
        )
        return None
    article_text = read_text(article_path, article_shown, problems)
    if article_text is None:
        return None
    if not article_text.strip():
        problems.append(Problem(article_shown, 1, message="the article file is empty"))
        return None
    source = Source(
        id=values.get("id", folder.name),
        title=values["title"],
        article_file=article_shown,
        text=article_text,
        supported_by=values.get("supported_by"),
        documents=documents,
        period=period,
        language=values.get("language", "en"),
        topics=topics,
    )
    return source, Article(article_text)


def _unsafe_article(path: Path, folder: Path, shown: str) -> tuple[str, str] | None:
    """What is wrong with the article file, and a hint; None when it can be read: it
    must be a plain file inside its source folder once links are followed."""
    if not path.is_file():
        return "not found", f"put the article's text at {shown}"
    why = unreadable(path, folder)
    if why is None:
        return None
    return f"cannot be read: {why}", (
        f"put the article's text in {display_path(folder)}, beside {SOURCE_FILE}"
    )


def _period(value: Any, shown: str, data: Node, problems: list[Problem]):
    if value is None:
        return None
    try:
        if not isinstance(value, dict) or not {"from", "to"} <= set(value):
            raise Invalid("expected {from: YEAR, to: YEAR}")
        return (integer(value["from"]), integer(value["to"]))
    except Invalid as exc:
        problems.append(Problem(shown, data.line_of("period"), message=f"period: {exc.message}"))
        return None


def _documents(value: Any, shown: str, data: Node, problems: list[Problem]):
    result = []
    if not isinstance(value, list):
        value = [value]
    for item in value:
        if not isinstance(item, dict) or not {"name", "reviewed_by"} <= set(item):
            problems.append(
                Problem(
                    shown,
                    data.line_of("documents"),
                    message="documents: each item needs a name and reviewed_by",
                )
            )
            continue
        result.append((str(item["name"]), str(item["reviewed_by"])))
    return tuple(result)


def _topics(value: Any, shown: str, data: Node, problems: list[Problem]) -> tuple[Topic, ...]:
    """The declared topics, each checked field by field; an id declared twice is refused."""
    if not isinstance(value, list):
        line = data.line_of("topics")
        problems.append(
            Problem(shown, line, message="topics: expected a list of topics", hint=TOPICS_HINT)
        )
        return ()
    topics: list[Topic] = []
    for item in value:
        line = item.line if isinstance(item, Node) else data.line_of("topics")
        if not isinstance(item, dict):
            problems.append(
                Problem(shown, line, message="topics: each topic is a mapping", hint=TOPICS_HINT)
            )
            continue
        found = len(problems)
        values = read_fields(item, TOPIC_FIELDS, shown, "in a topic", problems)
        if len(problems) > found:
            continue
        if any(t.id == values["id"] for t in topics):
            problems.append(
                Problem(shown, line, message=f"topics: '{values['id']}' is declared twice")
            )
            continue
        topics.append(Topic(**values))
    return tuple(topics)

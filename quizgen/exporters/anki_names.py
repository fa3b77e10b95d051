"""The names a question has in Anki, made once for the .apkg and the Anki CSV: its tags and
its sub-deck. No genanki here: the CSV needs none."""

from __future__ import annotations


def tags_for(q) -> list[str]:
    """`quizgen::topic::…`, `quizgen::kind::…` and one `quizgen::fact::…` per fact."""
    tags = [f"quizgen::topic::{q.topic}", f"quizgen::kind::{q.kind}"]
    tags += [f"quizgen::fact::{fid}" for fid in q.fact_ids]
    return tags


def subdeck_name(deck_title: str, topic_title: str) -> str:
    """The topic's sub-deck, under the deck: `Deck title::Topic title`."""
    return f"{deck_title}::{topic_title}"

"""JSON: the documented form of `quizgen questions --format json`, with the deck's metadata."""

from __future__ import annotations

from ..atomic import write_text_atomic
from ..listing import as_json
from . import ExportJob, Written


def export(job: ExportJob) -> list[Written]:
    path = job.out_dir / f"{job.deck.slug}.json"
    write_text_atomic(path, as_json([(job.deck, job.seed, job.questions)]) + "\n")
    return [Written(path, len(job.questions))]

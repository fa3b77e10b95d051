"""The floors quizgen is measured against: what the libraries it uses cost alone for the
same work. Each is run as its own process by run.py: `python floors.py NAME ARGS...`."""

from __future__ import annotations

import glob
import html
import json
import re
import sys
from pathlib import Path


def yaml_floor(facts_dir: str) -> None:
    """Load every YAML file of the fact base with PyYAML's C loader."""
    import yaml

    for path in sorted(glob.glob(f"{facts_dir}/**/*.yaml", recursive=True)):
        with open(path, encoding="utf-8") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)


def genanki_floor(notes_file: str, out: str) -> None:
    """Write the same notes (fields, tags, sub-decks, GUIDs) with genanki alone."""
    import genanki

    data = json.loads(Path(notes_file).read_text(encoding="utf-8"))
    models = {}
    for spec in data["models"]:
        models[spec["id"]] = genanki.Model(
            spec["id"], spec["name"], fields=spec["fields"], templates=spec["templates"],
            css=spec["css"], model_type=spec["type"],
        )  # fmt: skip
    decks: dict[str, genanki.Deck] = {}
    for index, (deck, model, fields, tags, guid) in enumerate(data["notes"]):
        if deck not in decks:
            decks[deck] = genanki.Deck(1_000_000 + len(decks), deck)
        decks[deck].add_note(genanki.Note(models[model], fields, tags=tags, guid=guid, due=index))
    genanki.Package(list(decks.values())).write_to_file(out)


def weasyprint_floor(out_dir: str, *html_files: str) -> None:
    """Render plain pages holding the same text as the worksheet's pages."""
    import weasyprint

    for index, name in enumerate(html_files):
        text = Path(name).read_text(encoding="utf-8")
        text = re.sub(r"<style.*?</style>", "", text, flags=re.S)
        lines = [html.unescape(t).strip() for t in re.split(r"<[^>]+>", text)]
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
        page = f"<!DOCTYPE html><html lang='en'><body>{body}</body></html>"
        weasyprint.HTML(string=page).write_pdf(f"{out_dir}/floor-{index}.pdf")


if __name__ == "__main__":
    {"yaml": yaml_floor, "genanki": genanki_floor, "weasyprint": weasyprint_floor}[sys.argv[1]](
        *sys.argv[2:]
    )

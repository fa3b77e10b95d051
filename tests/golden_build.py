"""The shipped recipe built in every format, as files to compare byte for byte.

`python -m tests.golden_build` rewrites tests/golden/ from a build of the shipped project;
test_golden.py builds again and compares. A change of wording or layout then shows as a
diff someone reads; a refactor must leave every file as it was.

Zip packages (.apkg, .qti.zip) are compared member by member (the stored bytes of each
member), so a different zlib does not count as a change; PDFs by their text, page by page
(their bytes depend on WeasyPrint's and the fonts' versions, not on quizgen).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
EPOCH = "1700000000"


def build(target: Path) -> Path:
    """A copy of the shipped facts/ and decks/ under `target`, built into target/dist."""
    for name in ("facts", "decks"):
        shutil.copytree(ROOT / name, target / name)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, QUIZGEN_NO_CACHE="1", QUIZGEN_WORKERS="1")
    subprocess.run(
        [sys.executable, "-m", "quizgen", "build", "--out", "dist"],
        cwd=target,
        env=env,
        check=True,
        capture_output=True,
    )
    questions = subprocess.run(
        [sys.executable, "-m", "quizgen", "questions", "--format", "json"],
        cwd=target,
        env=env,
        check=True,
        capture_output=True,
    ).stdout
    (target / "dist" / "questions.json").write_bytes(questions)
    return target / "dist"


def comparable(path: Path) -> dict[str, bytes]:
    """What of a built file must stay the same: {part name: bytes}."""
    data = path.read_bytes()
    if path.suffix in (".apkg", ".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {f"{path.name}/{n}": archive.read(n) for n in sorted(archive.namelist())}
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
        return {f"{path.name}.txt": json.dumps(pages, indent=1, ensure_ascii=False).encode()}
    return {path.name: data}


def parts(dist: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in sorted(dist.iterdir()):
        found.update(comparable(path))
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        found = parts(build(Path(tmp)))
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for name, data in found.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(found)} files to {GOLDEN}")


if __name__ == "__main__":
    main()

"""No input, however broken, gives a traceback: only a quizgen error or success."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.errors import QuizgenError
from quizgen.facts.fields import COMMON, KIND_FIELDS
from quizgen.facts.loader import load_factbase
from quizgen.facts.recipes import load_deck

from .conftest import DATA

FIELD_NAMES = sorted({*COMMON, *(k for fields in KIND_FIELDS.values() for k in fields)})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        ["person", "list", "quote", "people", "2022-04", "2022-autumn", "ada-lovelace"]
    ),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)), children, max_size=5
        ),
    ),
    max_leaves=20,
)
fact_like = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=10), st.sampled_from(["x", "ada-lovelace"]))},
    optional={name: values for name in FIELD_NAMES if name != "id"},
)
documents = st.one_of(
    values,
    st.fixed_dictionaries({"facts": st.lists(fact_like, max_size=4)}, optional={"topic": values}),
)


def _project() -> Path:
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(DATA / "mini" / "facts", folder / "facts")
    return folder


def _load(folder: Path, content: bytes, name: str = "extra.yaml") -> None:
    (folder / "facts" / "mini" / name).write_bytes(content)
    with contextlib.suppress(QuizgenError):
        load_factbase(folder / "facts")


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_as_a_facts_file(content):
    folder = _project()
    try:
        _load(folder, content)
    finally:
        shutil.rmtree(folder)


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_as_a_facts_file(content):
    folder = _project()
    try:
        _load(folder, content.encode("utf-8", "surrogatepass"))
    except UnicodeEncodeError:
        pass
    finally:
        shutil.rmtree(folder)


@SETTINGS
@given(documents)
def test_random_yaml_documents_as_facts(document):
    folder = _project()
    try:
        _load(folder, yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))
        _load(folder, yaml.safe_dump(document).encode("utf-8"), name="source.yaml")
    finally:
        shutil.rmtree(folder)


@SETTINGS
@given(values)
def test_random_yaml_documents_as_deck_recipes(document):
    folder = Path(tempfile.mkdtemp())
    try:
        recipe = folder / "deck.yaml"
        recipe.write_text(yaml.safe_dump(document), encoding="utf-8")
        with contextlib.suppress(QuizgenError):
            load_deck(recipe, {"mini"})
    finally:
        shutil.rmtree(folder)

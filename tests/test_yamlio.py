"""The fast YAML reader means exactly what yaml.safe_load means, for any document."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.facts.yaml_reader import load_yaml

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(["2022-04", "yes", "~", "0x1f", "1_000", "3.0e2", ".inf", "null"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(0, 9)), children, max_size=4),
    ),
    max_leaves=20,
)


def _fast(tmp_path, text: str, problems=None):
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, "doc.yaml", [] if problems is None else problems, lines=False)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


@settings(max_examples=150, deadline=None)
@given(documents, st.sampled_from([None, False, True]))
def test_fast_reader_agrees_with_safe_load(tmp_path_factory, document, flow):
    text = yaml.safe_dump({"doc": document}, default_flow_style=flow, allow_unicode=True)
    assert _fast(tmp_path_factory.mktemp("y"), text) == yaml.safe_load(text)


@pytest.mark.parametrize(
    "text",
    [
        "base: &b x\nother: *b\n",  # an alias of a plain value
        "base: &b {a: 1}\nmerged: {<<: *b, c: 2}\n",  # a merge key
        "when: 2022-04-01\nseen: 2022-04-01 10:00:00\nn: 0o17\nf: .nan\nok: yes\n",
        "set: !!set {a, b}\nomap: !!omap [{a: 1}]\nbin: !!binary aGk=\n",
        "? [a, b]\n: tuple key\n",  # a sequence as a key: safe_load refuses it, and so do we
    ],
)
def test_awkward_documents_read_as_safe_load_reads_them(tmp_path, text):
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        expected = None
    except TypeError:
        expected = None
    problems: list = []
    found = _fast(tmp_path, text, problems)
    if expected is None:
        assert found is None and problems, problems
    else:
        assert found == expected
        for key, value in expected.items():
            if isinstance(value, float):
                assert _same(found[key], value)


def test_a_duplicate_key_is_noticed(tmp_path):
    problems: list = []
    _fast(tmp_path, "a: 1\nb: 2\na: 3\n", problems)
    assert any("duplicate key" in p.message for p in problems), problems

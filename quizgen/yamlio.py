"""Read YAML safely (safe_load semantics, the C loader when present) keeping line numbers.

Every mapping comes back as a `Node` dict that knows its own line and the line of each key,
so that validation can say `file:line` for any field.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Node(dict):
    """A YAML mapping that remembers where it and each of its keys stood (1-based lines)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def line_of(node, key: str | None = None) -> int | None:
    """The line of a mapping (or of one of its keys); None when lines were not kept."""
    if isinstance(node, Node):
        return node.line if key is None else node.line_of(key)
    return None


def item_line(sequence, index: int, default: int | None) -> int | None:
    """The line of a sequence's item; `default` when lines were not kept."""
    return sequence.line_of(index, default) if isinstance(sequence, Seq) else default


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings are `Node`s; duplicate keys are collected as problems."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    mapping = Node()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    yield mapping
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            key = str(key)
        if key in mapping:
            loader.duplicates.append((key_node.start_mark.line + 1, str(key)))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1


class Seq(list):
    """A YAML sequence that remembers the line of each item."""

    lines: list[int]

    def line_of(self, index: int, default: int = 0) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else default


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode):
    sequence = Seq()
    sequence.lines = [item.start_mark.line + 1 for item in node.value]
    yield sequence
    sequence.extend(loader.construct_object(item, deep=True) for item in node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class _FastLoader(_Base):  # type: ignore[misc, valid-type]
    """safe_load, with plain strings, lists and mappings built by one tight recursion over
    the C parser's nodes (PyYAML's general constructor costs more than the parse itself).
    Every other value is made by SafeConstructor, as safe_load makes it. Duplicate keys are
    noticed (then the line loader says where)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def get_single_data(self):
        node = self.get_single_node()
        if node is None:
            return None
        try:
            return self._plain(node, set())
        except _Recursive:  # an alias inside itself: the general constructor copes
            return self.construct_document(node)

    def _plain(self, node: yaml.Node, active: set[int]):
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            if id(node) in active:
                raise _Recursive
            active.add(id(node))
            items = [self._plain(item, active) for item in node.value]
            active.discard(id(node))
            return items
        if (
            tag == _MAP
            and type(node) is yaml.MappingNode
            and not any(key.tag == _MERGE for key, _ in node.value)
        ):
            if id(node) in active:
                raise _Recursive
            active.add(id(node))
            mapping = {self._plain(k, active): self._plain(v, active) for k, v in node.value}
            active.discard(id(node))
            if len(mapping) != len(node.value):
                self.duplicates.append((node.start_mark.line + 1, "?"))
            return mapping
        return self.construct_object(node, deep=True)


class _Recursive(Exception):
    pass


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
_MERGE = "tag:yaml.org,2002:merge"


def _fast_mapping(loader: _FastLoader, node: yaml.MappingNode):
    data: dict = {}
    yield data
    value = loader.construct_mapping(node)
    if len(value) != len(node.value):
        loader.duplicates.append((node.start_mark.line + 1, "?"))
    data.update(value)


_FastLoader.add_constructor("tag:yaml.org,2002:map", _fast_mapping)


def read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    """The file's text as UTF-8, or None with a problem recorded."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(display, message=f"cannot read the file: {exc.strerror}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                display,
                line,
                message=f"the file is not UTF-8 "
                f"(byte 0x{data[exc.start]:02x} at offset {exc.start})",
                hint="save the file as UTF-8",
            )
        )
        return None
    return text


def load_yaml(path: Path, display: str, problems: list[Problem], lines: bool = True):
    """Parse one YAML file. Returns the document, or None with problems recorded.

    With `lines`, mappings and sequences remember their lines (`Node`, `Seq`) for messages;
    without, parsing costs what plain safe_load costs.
    """
    text = read_text(path, display, problems)
    if text is None:
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        problems.append(
            Problem(display, 1, message="the file is empty", hint="add content or delete the file")
        )
        return None
    loader = (_LineLoader if lines else _FastLoader)(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        problems.append(
            Problem(
                display,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
                message=f"YAML syntax error: {reason}",
                hint=_syntax_hint(reason),
            )
        )
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(display, message=f"YAML error: {exc}"))
        return None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date 2022-02-30
        if not lines:  # a key that cannot be a dict key, say: the slow loader copes
            problems.append(Problem(display, message=f"YAML value error: {exc}"))
            return None
        problems.append(Problem(display, message=f"YAML value error: {exc}"))
        return None
    finally:
        loader.dispose()
    for line, key in loader.duplicates:
        problems.append(
            Problem(display, line, message=f"duplicate key '{key}'", hint="each key once per item")
        )
    return data


def load_mapping(path: Path, display: str, problems: list[Problem], what: str) -> Node | None:
    """A file that must hold one mapping (`what` names it in the message), lines kept."""
    data = load_yaml(path, display, problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(Problem(display, 1, message=f"{what} must be a mapping"))
        return None
    return data


def _syntax_hint(reason: str) -> str | None:
    if "mapping values are not allowed" in reason:
        return "a value containing ': ' must be quoted"
    if "found character '\\t'" in reason:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in reason:
        return "each field is written as 'name: value'"
    return None

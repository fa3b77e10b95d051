"""Read YAML safely (safe_load semantics, the C loader when present) keeping line numbers.

Every mapping comes back as a `Node` dict that knows its own line and the line of each key,
so that validation can say `file:line` for any field.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import Problem
from ..paths import unreadable

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


MAX_DEPTH = 64  # lists and mappings nested deeper than this are refused (no fact needs 8)


class _Refused(yaml.MarkedYAMLError):
    """A document quizgen will not read: an alias of a list or mapping, or nesting too deep."""

    def __init__(self, node: yaml.Node, problem: str, hint: str):
        super().__init__(problem=problem, problem_mark=node.start_mark)
        self.hint = hint


def _alias(node: yaml.Node) -> _Refused:
    return _Refused(
        node,
        "an alias (*name) repeats the list or mapping anchored here",
        "write each value out in full: quizgen files take no anchors (&) or aliases (*)",
    )


def _too_deep(node: yaml.Node) -> _Refused:
    return _Refused(
        node,
        f"lists and mappings nest more than {MAX_DEPTH} levels deep here",
        "a fact needs a few levels at most: close the brackets that were left open",
    )


def _vet(root: yaml.Node) -> None:
    """Refuse, before anything is built, what could blow up: a list or mapping used again
    through an alias (the "billion laughs"), and nesting deeper than MAX_DEPTH."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, yaml.CollectionNode):
            continue
        if id(node) in seen:
            raise _alias(node)
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        seen.add(id(node))
        items = node.value if isinstance(node, yaml.SequenceNode) else sum(node.value, ())
        stack.extend((item, depth + 1) for item in items)


def _deepest(root: yaml.Node) -> yaml.Node:
    """The first node nested deeper than MAX_DEPTH (after a RecursionError: there is one)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((item, depth + 1) for pair in node.value for item in pair)
    return root


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """safe_load's loader, where a value that cannot be made (a date 2022-02-30, an integer
    of 5,000 digits) is an error at its line; duplicate keys are collected."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def resolve(self, kind, value, implicit):
        """The tag of a node, as SafeLoader's Resolver.resolve gives it (the same implicit
        resolvers, by first character), without its per-call list building: the C parser
        asks it of every scalar, list and mapping."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise _ValueProblem(node, exc) from None


class _LineLoader(_Loader):
    """A safe loader whose mappings are `Node`s; duplicate keys are collected as problems.
    Aliases of lists and mappings and deep nesting are refused (see `_vet`)."""

    def get_single_data(self):
        node = self.get_single_node()
        if node is None:
            return None
        _vet(node)
        return self.construct_document(node)


class _ValueProblem(yaml.MarkedYAMLError):
    """A scalar that cannot be made into its value, at its line."""

    hint = "check the value, or put it in quotes to keep it as text"

    def __init__(self, node: yaml.Node, exc: Exception):
        super().__init__(problem=_value_message(node, exc), problem_mark=node.start_mark)


def _value_message(node: yaml.Node, exc: Exception) -> str:
    value = node.value if isinstance(node, yaml.ScalarNode) else ""
    if "digits" in str(exc):
        return f"a number of {len(value)} digits is too long"
    if node.tag == "tag:yaml.org,2002:timestamp":
        return f"'{value}' is not a real date ({exc})"
    return f"cannot read the value '{value[:40]}': {exc}"


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


class _FastLoader(_Loader):
    """safe_load, with plain strings, lists and mappings built by one tight recursion over
    the C parser's nodes (PyYAML's general constructor costs more than the parse itself).
    Every other value is made by SafeConstructor, as safe_load makes it. Duplicate keys are
    noticed (then the line loader says where)."""

    def get_single_data(self):
        node = self.get_single_node()
        if node is None:
            return None
        try:
            return self._plain(node, set())
        except RecursionError:
            raise _too_deep(_deepest(node)) from None

    def _plain(self, node: yaml.Node, seen: set[int]):
        """The node's value; a list or mapping met twice came through an alias: refused.
        Other values (with a tag, a merge key...) go to `_vet` and the general constructor."""
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            if id(node) in seen:
                raise _alias(node)
            seen.add(id(node))
            return [self._plain(item, seen) for item in node.value]
        if (
            tag == _MAP
            and type(node) is yaml.MappingNode
            and not any(key.tag == _MERGE for key, _ in node.value)
        ):
            if id(node) in seen:
                raise _alias(node)
            seen.add(id(node))
            mapping = {self._plain(k, seen): self._plain(v, seen) for k, v in node.value}
            if len(mapping) != len(node.value):
                self.duplicates.append((node.start_mark.line + 1, "?"))
            return mapping
        if type(node) is not yaml.ScalarNode:
            _vet(node)
        return self.construct_object(node, deep=True)


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
_IMPLICIT = {key: tuple(found) for key, found in _Base.yaml_implicit_resolvers.items()}
# (what Resolver.resolve reads besides: no resolver for every first character, and no path
# resolvers, in SafeLoader; its default tags are the three above)
assert None not in _IMPLICIT and not _Base.yaml_path_resolvers
assert (_Base.DEFAULT_SCALAR_TAG, _Base.DEFAULT_SEQUENCE_TAG, _Base.DEFAULT_MAPPING_TAG) == (
    _STR,
    _SEQ,
    _MAP,
)
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
    why = unreadable(path)
    if why is not None:
        problems.append(Problem(display, message=why))
        return None
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
        problems.append(_marked_problem(display, exc))
        return None
    except yaml.reader.ReaderError as exc:  # a NUL byte, say: where it stands
        problems.append(
            Problem(
                display,
                text.count("\n", 0, exc.position) + 1,
                message=f"YAML error: character U+{exc.character:04X} is not allowed in YAML",
                hint="remove it (control characters cannot stand in a YAML file)",
            )
        )
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(display, message=f"YAML error: {exc}"))
        return None
    except TypeError as exc:  # a list as a key, in the fast pass: the line loader says where
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


def _marked_problem(display: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = exc.problem or exc.context or "invalid YAML"
    if "maximum nesting depth" in reason:  # libyaml's own limit: the same words as ours
        exc = _too_deep(yaml.Node(None, None, mark, mark))
        reason = exc.problem
    if isinstance(exc, (_Refused, _ValueProblem)):
        return Problem(display, mark.line + 1, message=reason, hint=exc.hint)
    return Problem(
        display,
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
        message=f"YAML syntax error: {reason}",
        hint=_syntax_hint(reason),
    )


def _syntax_hint(reason: str) -> str | None:
    if "mapping values are not allowed" in reason:
        return "a value containing ': ' must be quoted"
    if "found character '\\t'" in reason:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in reason:
        return "each field is written as 'name: value'"
    return None

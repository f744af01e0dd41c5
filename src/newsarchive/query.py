"""The query language: a user's query string parsed into a small tree. No SQL here.

Grammar (loosest first), as notmuch and public-inbox users expect:

    query   := and ("OR" and)*
    and     := unary unary*                 words side by side must all match
    unary   := ("NOT" | "-") unary | primary
    primary := "(" query ")" | FIELD ":" value | "phrase"[*] | word[*]

Fields: `headline:`, `dek:`, `body:` scope full-text terms to one column; `author:`,
`person:`, `publication:`, `list:` match those fields by name; `date:` takes a period
or a range (`2025-07`, `2025-07..2025-09`, `2024..`, `..2024-06`). A field's value is a
word, a "phrase" or a parenthesised group (`author:(sim OR jones)`).

Only `OR`, `NOT` (upper case), a leading `-`, a trailing `*`, quotes, parentheses and
the field names above are syntax. Every other word is text: `AND`, `near`, `in-person`,
`U.S.`, `C++` and `10:30` are searched as written.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

# Fields that scope full-text terms to one FTS column.
TEXT_FIELDS = ("headline", "dek", "body")
# Fields matched by name against a stored field (see Store.person_filter / field_filter).
NAME_FIELDS = ("author", "person", "publication", "list")
DATE_FIELD = "date"
FIELDS = TEXT_FIELDS + NAME_FIELDS + (DATE_FIELD,)

_FIELD_RE = re.compile(r"(?P<name>" + "|".join(FIELDS) + r"):", re.IGNORECASE)
_WORD_END = set(' \t\n\r\f\v()"')
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
DATE_HELP = "use 2025, 2025-07, 2025-07-11 or 11 Jul 2025"
# Parentheses and NOTs nested deeper than this are refused: no one writes them, and
# they would exhaust Python's recursion or SQLite's expression depth.
MAX_NESTING = 16


class QueryError(ValueError):
    """A query that cannot be searched; the message says what is wrong."""


# -- the tree ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """Words to find in the full-text index: one word, or a phrase when `phrase`."""

    text: str
    prefix: bool = False
    phrase: bool = False
    column: str | None = None


@dataclass(frozen=True)
class NameMatch:
    """`author:`, `person:`, `publication:` or `list:` with the name to match."""

    field: str
    value: str


@dataclass(frozen=True)
class DateRange:
    """Published on or after `start` and before `end` (either may be open)."""

    start: date | None
    end: date | None


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Term | NameMatch | DateRange | And | Or | Not


# -- tokens -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str  # word, phrase, field, or, not, lparen, rparen
    text: str = ""
    prefix: bool = False


def tokenize(query: str) -> list[Token]:
    # Control characters (a pasted NUL, a stray escape) separate words: SQLite would
    # end the string at a NUL.
    query = _CONTROL_RE.sub(" ", query)
    tokens: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            tokens.append(Token("lparen"))
            i += 1
        elif ch == ")":
            tokens.append(Token("rparen"))
            i += 1
        elif ch == '"':
            close = query.find('"', i + 1)
            if close < 0:
                raise QueryError('unbalanced quote: a phrase needs a closing "')
            prefix = close + 1 < n and query[close + 1] == "*"
            tokens.append(Token("phrase", query[i + 1:close], prefix))
            i = close + 1 + prefix
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] not in ")-":
            tokens.append(Token("not", "-"))
            i += 1
        elif field := _FIELD_RE.match(query, i):
            name = field.group("name").lower()
            i = field.end()
            if i >= n or query[i].isspace() or query[i] == ")":
                raise QueryError(f"empty field scope: {name}: needs a word, a \"phrase\" or (group) after it")
            tokens.append(Token("field", name))
        else:
            start = i
            while i < n and query[i] not in _WORD_END:
                i += 1
            word = query[start:i]
            if word in ("OR", "NOT"):
                tokens.append(Token(word.lower(), word))
            else:
                stripped = word.rstrip("*")
                tokens.append(Token("word", stripped, prefix=stripped != word))
    return tokens


# -- parser -----------------------------------------------------------------------------

def parse(query: str) -> Node | None:
    """The query as a tree; None when it holds nothing to search for (only punctuation)."""
    parser = _Parser(tokenize(query))
    if not parser.tokens:
        return None
    node = parser.parse_or(scope=None)
    if parser.peek() is not None:
        raise QueryError("unbalanced parenthesis: a ) without a (")
    return _simplify(node)


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QueryError(f"the query nests parentheses or NOTs more than {MAX_NESTING} deep")

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def _ends_operand(self) -> bool:
        token = self.peek()
        return token is None or token.kind in ("rparen", "or")

    def parse_or(self, scope: str | None) -> Node | None:
        items = [self.parse_and(scope)]
        while self.peek() is not None and self.peek().kind == "or":
            self.take()
            if self._ends_operand():
                raise QueryError("OR needs a word on each side")
            items.append(self.parse_and(scope))
        return Or(tuple(items)) if len(items) > 1 else items[0]

    def parse_and(self, scope: str | None) -> Node | None:
        if self._ends_operand():
            token = self.peek()
            if token is not None and token.kind == "or":
                raise QueryError("OR needs a word on each side")
            if token is not None and token.kind == "rparen" and self.pos == 0:
                raise QueryError("unbalanced parenthesis: a ) without a (")
            raise QueryError("empty parentheses: () needs a word inside")
        items = []
        while not self._ends_operand():
            items.append(self.parse_unary(scope))
        return And(tuple(items)) if len(items) > 1 else items[0]

    def parse_unary(self, scope: str | None) -> Node | None:
        token = self.peek()
        if token.kind == "not":
            self.take()
            if self._ends_operand():
                raise QueryError(f"{token.text} needs a word after it")
            self._nest()
            node = Not(self.parse_unary(scope))
            self.depth -= 1
            return node
        return self.parse_primary(scope)

    def parse_primary(self, scope: str | None) -> Node | None:
        token = self.take()
        if token.kind == "lparen":
            if self.peek() is None:
                raise QueryError("unbalanced parenthesis: a ( needs a closing )")
            self._nest()
            node = self.parse_or(scope)
            self.depth -= 1
            if self.peek() is None or self.peek().kind != "rparen":
                raise QueryError("unbalanced parenthesis: a ( needs a closing )")
            self.take()
            return node
        if token.kind == "field":
            return self._field(token.text)
        return _leaf(token.text, token.prefix, token.kind == "phrase", scope)

    def _field(self, name: str) -> Node | None:
        value = self.peek()
        if name == DATE_FIELD:
            if value is None or value.kind not in ("word", "phrase"):
                raise QueryError(f"date: needs a date or a range ({DATE_HELP}, 2025-07..2025-09)")
            self.take()
            return parse_date_range(value.text)
        if value is None or value.kind not in ("word", "phrase", "lparen"):
            raise QueryError(f"empty field scope: {name}: needs a word, a \"phrase\" or (group) after it")
        return self.parse_primary(scope=name)


def _leaf(text: str, prefix: bool, phrase: bool, scope: str | None) -> Node | None:
    """A word or phrase under `scope`; None for one with nothing searchable in it."""
    if not any(ch.isalnum() for ch in text):
        return None
    if scope in NAME_FIELDS:
        return NameMatch(scope, " ".join(text.split()))
    return Term(text, prefix=prefix, phrase=phrase, column=scope)


def _simplify(node: Node | None) -> Node | None:
    """Drop the leaves that held only punctuation and groups left empty by that; flatten
    `a OR (b OR c)` and `NOT NOT a`, which mean the same with less nesting."""
    if isinstance(node, And | Or):
        items: list[Node] = []
        for item in (_simplify(i) for i in node.items):
            if isinstance(item, type(node)):
                items.extend(item.items)
            elif item is not None:
                items.append(item)
        if not items:
            return None
        return items[0] if len(items) == 1 else type(node)(tuple(items))
    if isinstance(node, Not):
        item = _simplify(node.item)
        if isinstance(item, Not):
            return item.item
        return Not(item) if item is not None else None
    return node


def walk(node: Node) -> list[Node]:
    """Every node of the tree, depth first."""
    nodes: list[Node] = [node]
    if isinstance(node, And | Or):
        for item in node.items:
            nodes.extend(walk(item))
    elif isinstance(node, Not):
        nodes.extend(walk(node.item))
    return nodes


# -- dates ------------------------------------------------------------------------------

_ISO_PERIOD_RE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")


def parse_period(text: str, what: str = "date") -> tuple[date, date]:
    """A year, month or day as (first day, day after the last): `2025`, `2025-07`,
    `2025-07-11`, `11 Jul 2025`, `Jul 2025`."""
    text = " ".join(text.split())
    try:
        match = _ISO_PERIOD_RE.match(text)
        if match:
            year = int(match.group("y"))
            month = int(match.group("m") or 0)
            day = int(match.group("d") or 0)
        else:
            # Parse twice with different defaults: a part that changes was not given.
            one = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
            two = dateutil_parser.parse(text, default=datetime(2001, 2, 2))
            if one.year != two.year:
                raise ValueError("no year")
            year = one.year
            month = one.month if one.month == two.month else 0
            day = one.day if one.day == two.day else 0
            if day and not month:
                raise ValueError("day without month")
        if not month:
            return date(year, 1, 1), date(year + 1, 1, 1)
        if not day:
            last = calendar.monthrange(year, month)[1]
            start = date(year, month, 1)
            return start, date.fromordinal(date(year, month, last).toordinal() + 1)
        start = date(year, month, day)
        return start, date.fromordinal(start.toordinal() + 1)
    except (ValueError, OverflowError):
        raise QueryError(f"{what}: cannot read {text!r} as a date ({DATE_HELP})") from None


def parse_date_range(text: str) -> DateRange:
    """`2025-07..2025-09` (both ends inclusive), `2024..`, `..2024-06`, or one period."""
    if ".." in text:
        first, _, last = text.partition("..")
        if not first.strip() and not last.strip():
            raise QueryError(f"date: a range needs at least one end ({DATE_HELP})")
        start = parse_period(first, "date")[0] if first.strip() else None
        end = parse_period(last, "date")[1] if last.strip() else None
    else:
        start, end = parse_period(text, "date")
    if start and end and end <= start:
        raise QueryError(f"date: the range {text!r} ends before it starts")
    return DateRange(start, end)

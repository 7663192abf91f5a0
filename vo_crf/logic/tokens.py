"""The lexer: REDCap logic source text to a list of tokens with their positions."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from vo_crf.logic.errors import LogicSyntaxError


class TokenKind(enum.Enum):
    NUMBER = "number"
    STRING = "string"
    FIELD = "field"  # one bracket group: [name] or [name(code)]
    NAME = "name"  # function name, true/false, or an unknown word
    OPERATOR = "operator"  # symbols and the keywords and/or/not
    LPAREN = "("
    RPAREN = ")"
    COMMA = ","
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    """One token; ``value`` is the canonical form (operator, lowercase name, string body)."""

    kind: TokenKind
    text: str
    start: int  # 0-based offset in the source
    value: str = ""
    code: str | None = None  # FIELD tokens: the checkbox code inside ( )

    @property
    def column(self) -> int:
        """The 1-based column where the token starts."""
        return self.start + 1

    @property
    def end(self) -> int:
        """The 0-based offset just after the token."""
        return self.start + len(self.text)

    def describe(self) -> str:
        """A short human description for error messages."""
        text = self.text if len(self.text) <= 30 else self.text[:27] + "..."
        if self.kind is TokenKind.END:
            return "end of expression"
        if self.kind in (TokenKind.NUMBER, TokenKind.STRING, TokenKind.FIELD):
            return f"{self.kind.value} {text}"
        if self.kind is TokenKind.NAME:
            return f"name {text!r}"
        return f"'{text}'"


_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("<>", "<>"), ("!=", "<>"), ("<=", "<="), (">=", ">="), ("&&", "and"), ("||", "or"),
    ("=", "="), ("<", "<"), (">", ">"), ("+", "+"), ("-", "-"), ("*", "*"), ("/", "/"),
    ("^", "^"),
)
_KEYWORD_OPERATORS = frozenset({"and", "or", "not"})
_PUNCTUATION = {"(": TokenKind.LPAREN, ")": TokenKind.RPAREN, ",": TokenKind.COMMA}
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+", re.ASCII)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_FIELD_NAME = re.compile(r"[A-Za-z0-9_]+", re.ASCII)
_CODE = re.compile(r"[A-Za-z0-9_.\-]+", re.ASCII)


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, ending with an END token; raise LogicSyntaxError."""
    tokens: list[Token] = []
    pos = 0
    length = len(source)
    while pos < length:
        char = source[pos]
        if char.isspace():
            pos += 1
            continue
        token = _next_token(source, pos)
        tokens.append(token)
        pos = token.end
    tokens.append(Token(TokenKind.END, "", length))
    return tokens


def _next_token(source: str, pos: int) -> Token:
    char = source[pos]
    if char in _PUNCTUATION:
        return Token(_PUNCTUATION[char], char, pos, char)
    if char == "[":
        return _field(source, pos)
    if char in "'\"":
        close = source.find(char, pos + 1)
        if close < 0:
            raise LogicSyntaxError(f"unterminated string: expected a closing {char}", pos + 1)
        return Token(TokenKind.STRING, source[pos:close + 1], pos, source[pos + 1:close])
    if match := _NUMBER.match(source, pos):
        return Token(TokenKind.NUMBER, match.group(), pos, match.group())
    if match := _NAME.match(source, pos):
        word = match.group()
        lowered = word.lower()
        kind = TokenKind.OPERATOR if lowered in _KEYWORD_OPERATORS else TokenKind.NAME
        return Token(kind, word, pos, lowered)
    for symbol, canonical in _SYMBOLS:
        if source.startswith(symbol, pos):
            return Token(TokenKind.OPERATOR, symbol, pos, canonical)
    if char == "]":
        raise LogicSyntaxError("unexpected ']' without a matching '['", pos + 1)
    raise LogicSyntaxError(f"unexpected character {char!r}", pos + 1)


def _field(source: str, start: int) -> Token:
    """Lex ``[name]`` or ``[name(code)]`` starting at the '['."""
    name = _FIELD_NAME.match(source, start + 1)
    if name is None:
        raise LogicSyntaxError(
            "expected a field or event name (letters, digits, '_') after '['", start + 2)
    pos = name.end()
    code: str | None = None
    if source.startswith("(", pos):
        code_match = _CODE.match(source, pos + 1)
        if code_match is None:
            raise LogicSyntaxError("expected a checkbox code after '(' in field reference",
                                   pos + 2)
        code = code_match.group()
        pos = code_match.end()
        if not source.startswith(")", pos):
            raise LogicSyntaxError("expected ')' after the checkbox code", pos + 1)
        pos += 1
    if not source.startswith("]", pos):
        what = "end of expression" if pos >= len(source) else repr(source[pos])
        raise LogicSyntaxError(
            f"expected ']' to close the field reference opened at column {start + 1}, "
            f"got {what}", pos + 1)
    return Token(TokenKind.FIELD, source[start:pos + 1], start, name.group(), code)

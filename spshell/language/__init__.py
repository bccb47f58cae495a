"""PowerShell language front end: tokenizer, parser and syntax tree.

``parse(text, file=None)`` returns a ``ScriptBlockAst`` or raises ``ParseError``;
``is_incomplete(text)`` tells the REPL whether to ask for more lines;
``tokenize_for_highlight(text)`` gives coloured spans for the prompt;
``parse_number(text)`` reads a numeric string the way a literal is read (Parser.ScanNumber).
"""
from spshell.language.parser import IncompleteParseError, ParseError, ParseErrorItem, parse
from spshell.language.highlight import is_incomplete, tokenize_for_highlight
from spshell.language.tokenizer import parse_number

__all__ = ["parse", "ParseError", "IncompleteParseError", "ParseErrorItem", "is_incomplete",
           "tokenize_for_highlight", "parse_number"]

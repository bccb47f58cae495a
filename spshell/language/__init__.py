"""PowerShell language front end: tokenizer, parser and syntax tree.

``parse(text, file=None)`` returns a ``ScriptBlockAst`` or raises ``ParseError``;
``is_incomplete(text)`` tells the REPL whether to ask for more lines;
``tokenize_for_highlight(text)`` gives coloured spans for the prompt.
"""
from spshell.language.parser import ParseError, ParseErrorItem, parse
from spshell.language.highlight import is_incomplete, tokenize_for_highlight

__all__ = ["parse", "ParseError", "ParseErrorItem", "is_incomplete", "tokenize_for_highlight"]

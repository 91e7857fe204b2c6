"""HTML entities decoded line by line; a line with markup is left alone.
"""
from __future__ import annotations

import re

from ftfy.fixes import unescape_html

from corpus_clean.mojibake.detect import _ENTITY_PATTERN


# A '<' that starts markup; a lone '<' as in "<3", "<- back" or "<&euro;5" is just text.
_MARKUP_RE = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|!--|!\[CDATA\[|!DOCTYPE|\?xml)", re.I)


_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def unescape_entities_per_line(text: str) -> tuple[str, int]:
    """Decode HTML entities line by line, leaving lines that contain markup alone.

    Double escaping (``&amp;eacute;``) is undone too. ftfy's own "auto" mode stops
    unescaping for the rest of the document once it meets a ``<``; here a ``<`` only
    protects its own line, and only if it starts a tag.

    >>> unescape_entities_per_line("5 <3\\nS&amp;eacute;rie &lt;b&gt;")
    ('5 <3\\nSérie <b>', 3)
    >>> unescape_entities_per_line("<p>caf&eacute;</p>")
    ('<p>caf&eacute;</p>', 0)
    """
    if "&" not in text or not re.search(_ENTITY_PATTERN, text):
        return text, 0
    count = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "&" not in line or _MARKUP_RE.search(line):
            continue
        for _ in range(3):  # "&amp;amp;eacute;" needs up to three rounds
            decoded = unescape_html(line)
            if decoded == line:
                break
            count += len(_ENTITY_RE.findall(line)) - len(_ENTITY_RE.findall(decoded))
            line = decoded
        lines[i] = line
    return "\n".join(lines), count

"""A web page a browser saved as one file (MHTML: ``.mhtml``, ``.mht``, or renamed
``.html``): a MIME message whose first HTML part is the page, quoted-printable or base64.
Its parts are read by the standard library's e-mail parser; the page is then decoded and
cleaned as any HTML file.
"""
from __future__ import annotations

import email
import email.policy
from typing import Iterator

from corpus_clean.document import Document
from corpus_clean.readers import InputFile, Skipped, Unreadable, _whole_file, decode_page, new_document


def read_saved_page(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    """The page of an MHTML file, one record; skipped saying so when it holds no HTML part."""
    data = _whole_file(file)
    if isinstance(data, Skipped):
        yield data
        return
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if page is None:
        kinds = sorted({part.get_content_type() for part in message.walk() if not part.is_multipart()})
        yield Skipped(file.source, f"{file.source}: a saved page (MHTML) with no HTML part "
                                   f"(parts: {', '.join(kinds) or 'none'})")
        return
    body = page.get_payload(decode=True) or b""
    decoded = decode_page(body, content_type=page.get("Content-Type"))
    problem = f"{file.source}: {decoded.problem}" if decoded.problem else None
    doc = new_document(file.source, 0, data, "", html=decoded.text, encoding=decoded.encoding, problem=problem)
    doc.url = message.get("Snapshot-Content-Location") or page.get("Content-Location")
    yield doc

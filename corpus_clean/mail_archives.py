"""Mail as a corpus arrives: an ``.mbox`` archive (a mailing list's, a newsroom's tip line),
one record a message, or a single ``.eml`` message. Parsed by the standard library
(``mailbox``, ``email``): each message's text part (else its HTML part) decoded by its own
charset and transfer encoding; a message with neither is quarantined saying what parts it
has, so no message is lost without a word.
"""
from __future__ import annotations

import email
import email.policy
import mailbox
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from typing import Iterator

from corpus_clean.document import Document
from corpus_clean.readers import InputFile, Skipped, Unreadable, _whole_file, is_compressed, new_document, open_input

# A body line an mbox writer escaped because it opened as a message separator does
# ("From the harbour..."): mboxrd adds one ">" to every such line, so one comes off.
_ESCAPED_FROM = re.compile(r"^>(>*From )", re.MULTILINE)


def read_mail_file(file: InputFile) -> Iterator[Document | Skipped | Unreadable]:
    """An ``.eml`` file as one record, an ``.mbox`` archive as one a message."""
    if file.source.lower().endswith(".eml"):
        data = _whole_file(file)
        if isinstance(data, Skipped):
            yield data
            return
        yield message_document(file.source, 0, email.message_from_bytes(data, policy=email.policy.default), data)
        return
    with local_copy(file) as path:
        box = mailbox.mbox(path, factory=None, create=False)
        try:
            count = 0
            for count, key in enumerate(box.iterkeys(), start=1):
                raw = box.get_bytes(key)
                message = email.message_from_bytes(raw, policy=email.policy.default)
                yield message_document(file.source, count - 1, message, raw, mbox=True)
        finally:
            box.close()
    if count == 0:
        yield Skipped(file.source, f"{file.source}: an mbox file with no message in it (no line starting "
                                   "'From ' opens one): not mail? name it .txt to read it as text")


def message_document(source: str, index: int, message, raw: bytes, mbox: bool = False) -> Document:
    """One message → its Document: the text part (else the HTML part) decoded, the
    Message-ID as its id, subject, sender and date kept as fields; no text part at all,
    or one that does not decode, is its problem.

    >>> from email.message import EmailMessage
    >>> message = EmailMessage(); message["Subject"] = "Ferry"; message.set_content("The ferry left at noon.")
    >>> doc = message_document("tips.mbox", 0, message, bytes(message))
    >>> doc.raw_text.strip(), doc.meta["subject"], doc.problems
    ('The ferry left at noon.', 'Ferry', [])
    """
    where = f"{source}: message {index + 1}"
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        parts = sorted({part.get_content_type() for part in message.walk() if not part.is_multipart()})
        doc = new_document(source, index, raw, "", problem=f"{where} has no text or HTML part "
                                                           f"(parts: {', '.join(parts) or 'none'})")
    else:
        try:
            text, problem = body.get_content(), None
        except (LookupError, UnicodeError) as error:  # (a charset Python does not know)
            text = (body.get_payload(decode=True) or b"").decode("utf-8", "replace")
            problem = f"{where}: its {body.get_content_charset()} text part does not decode ({error})"
        if mbox:
            text = _ESCAPED_FROM.sub(r"\1", text)
        html = text if body.get_content_type() == "text/html" else None
        doc = new_document(source, index, raw, "" if html else text, html=html, problem=problem,
                           encoding=body.get_content_charset() or "us-ascii")
    doc.source_id = str(message["Message-ID"]).strip("<>") if message["Message-ID"] else None
    doc.meta = {name: str(message[name]) for name in ("subject", "from", "date") if message[name]}
    return doc


@contextmanager
def local_copy(file: InputFile):
    """A path to `file`'s bytes: its own when it is a local file (``mailbox`` reads by
    path), else a temporary copy (a member of an archive, a remote file)."""
    if os.path.isfile(file.url) and not is_compressed(file.url):
        yield file.url
        return
    with tempfile.TemporaryDirectory(prefix="corpus-clean-mbox-") as folder:
        path = os.path.join(folder, "copy.mbox")
        with open_input(file.url).open() as source, open(path, "wb") as sink:
            shutil.copyfileobj(source, sink)
        yield path

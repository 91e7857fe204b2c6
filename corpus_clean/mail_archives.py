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
from email.errors import MissingHeaderBodySeparatorDefect
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
            keys = box.keys()
            for index, key in enumerate(keys):
                raw = box.get_bytes(key)
                message = email.message_from_bytes(raw, policy=email.policy.default)
                doc = message_document(file.source, index, message, raw, mbox=True)
                if index == len(keys) - 1 and not raw.endswith(b"\n"):
                    # (every mbox line ends in a newline: a last line without one is a file
                    # cut short, its message's end -- or the next one's "From " line -- lost)
                    doc.problems.append(("readable_input", f"{file.source}: message {index + 1} ends mid-line: "
                                                           "the file cut short? its end is missing"))
                yield doc
        finally:
            box.close()
    if not keys:
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
    if any(isinstance(defect, MissingHeaderBodySeparatorDefect) for defect in message.defects):
        # (a line in the headers that is no header: the message ends inside them, the file
        # cut short, or it is not mail; its "body" would be a header's broken half)
        doc = new_document(source, index, raw, raw.decode("utf-8", "replace"),
                           problem=f"{where}: a line in its headers is no header (the message ends inside "
                                   "its headers: the file cut short?); its text is not read")
    elif body is None:
        parts = sorted({part.get_content_type() for part in message.walk() if not part.is_multipart()})
        doc = new_document(source, index, raw, "", problem=f"{where} has no text or HTML part "
                                                           f"(parts: {', '.join(parts) or 'none'})")
    else:
        text, problem = _text_of_part(body)
        problem = f"{where}: {problem}" if problem else None
        if mbox:
            text = _ESCAPED_FROM.sub(r"\1", text)
        html = text if body.get_content_type() == "text/html" else None
        doc = new_document(source, index, raw, "" if html else text, html=html, problem=problem,
                           encoding=body.get_content_charset() or "us-ascii")
    doc.source_id = str(message["Message-ID"]).strip("<>") if message["Message-ID"] else None
    doc.meta = {name: str(message[name]) for name in ("subject", "from", "date") if message[name]}
    return doc


def _text_of_part(part) -> tuple[str, str | None]:
    """A text part's text, its transfer encoding undone and its charset decoded, and a
    problem when its bytes are not in that charset (the email package would put U+FFFD
    in silently: a message cut mid-letter, a mislabelled charset).

    >>> from email.message import EmailMessage
    >>> part = EmailMessage(); part.set_content("Café au port")
    >>> _text_of_part(part)[0].strip(), _text_of_part(part)[1]
    ('Café au port', None)
    """
    charset = part.get_content_charset() or "us-ascii"
    data = part.get_payload(decode=True) or b""
    try:
        return data.decode(charset), None
    except LookupError:
        return data.decode("utf-8", "replace"), f"its text part's charset {charset!r} is unknown"
    except UnicodeDecodeError as error:
        return data.decode(charset, "replace"), f"its text part is not {charset} at byte {error.start} " \
                                                 "(a message cut short, or its charset mislabelled)"


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

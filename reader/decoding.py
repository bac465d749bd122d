"""Decode a document's bytes, saying which encoding was assumed; the error every loader raises.

Below :mod:`reader.corpus` and :mod:`reader.sources` alike, so that both can use it without
importing each other.
"""

from __future__ import annotations

import codecs


class DocumentError(Exception):
    """A document could not be read; the message is one line, fit for a user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


BOM_ENCODINGS = frozenset(encoding for _, encoding in _BOMS)
"""Codecs that strip a byte-order mark when decoding (only used when the file had one)."""


def decode_with_note(data: bytes, path: str = "<bytes>") -> tuple[str, str, str | None]:
    """Decode document bytes; return the text, the encoding used, and how when it was a guess
    or lost bytes.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly; anything else
    is handed to charset-normalizer, and the encoding it assumed is returned.

    Mostly UTF-8 text with a few invalid bytes stays UTF-8, with each invalid byte shown as
    U+FFFD (decoding it all as a legacy code page would garble every accented letter).

    >>> decode_with_note("naïve café ".encode() + bytes([0xFF]))
    ('naïve café �', 'utf-8', '1 invalid UTF-8 byte shown as �')
    >>> decode_with_note("Café crème".encode("latin-1"))[1:]
    ('cp1252', 'not UTF-8: read as cp1252 (assumed)')

    Raises:
        DocumentError: The bytes are binary or in no encoding that could be identified.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError:
                raise DocumentError(path, f"invalid {encoding} text after its byte-order mark") from None
    if b"\x00" in data[:65536]:
        raise DocumentError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(not ch.isascii() for ch in replaced) - invalid
    if valid_multibyte >= invalid:  # valid multi-byte sequences hardly occur by chance
        plural = "s" if invalid > 1 else ""
        return replaced, "utf-8", f"{invalid} invalid UTF-8 byte{plural} shown as \ufffd"
    try:
        # Western text is by far the most common legacy case, and short samples of it
        # are easily mistaken for Baltic or Cyrillic code pages: prefer cp1252 when the
        # bytes decode to nothing but Latin letters and punctuation.
        western = data.decode("cp1252")
        if all(ch.isascii() or "\u00a0" <= ch <= "\u00ff" or ch in "‘’“”–—…€•™" for ch in western):
            return western, "cp1252", "not UTF-8: read as cp1252 (assumed)"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only needed for other legacy encodings

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DocumentError(path, "not text in any encoding that could be identified")
    return str(best), best.encoding, f"not UTF-8: read as {best.encoding} (assumed)"

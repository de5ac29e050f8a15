"""File bytes → text, and the name of the encoding that decoded them.

The rule, in order:

1. A byte-order mark decides: UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE).
2. Without one, a NUL byte means binary content (UTF-16 without a BOM is
   refused too: it cannot be told from binary data for sure).
3. Valid UTF-8 is UTF-8.
4. Otherwise the text may be in a Western legacy encoding (cp1252, Latin-1,
   Latin-9), but only when all of these hold: no byte sequence in the file is
   valid multi-byte UTF-8 (else it is broken UTF-8, not legacy text), no
   control bytes, and charset-normalizer's best Western match has no more
   than ``MAX_CHAOS`` mess. The file is then decoded strictly with that codec.

Anything else is one InputError naming the byte offset where decoding failed.
"\\r\\n" becomes "\\n" in every case, so offsets do not depend on the platform
that saved the file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError

__all__ = ["decode_text", "LEGACY_ENCODINGS", "MAX_CHAOS"]

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The corpus is English and French (Canada): only Western single-byte encodings are guessed.
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
MAX_CHAOS = 0.1  # charset-normalizer's mess ratio (0 = clean text); above it the guess is not sure
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")  # in UTF-8 decoded with replacement: a valid multi-byte sequence
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # tab, LF, FF, CR are text


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes; raises InputError naming the byte offset."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(path, data, encoding, skip=len(bom)), encoding
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"not a text document: binary content (NUL byte at byte offset {nul})")
    try:
        return data.decode("utf-8").replace("\r\n", "\n"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    legacy = _legacy_encoding(data)
    if legacy is None:
        raise InputError(path, f"cannot decode the text at byte offset {bad}: not UTF-8, and not surely "
                               "cp1252 or Latin-1 either (expected text saved as UTF-8, UTF-16 with a BOM, or cp1252)")
    return _strict(path, data, legacy, skip=0), legacy


def _strict(path: Path, data: bytes, encoding: str, *, skip: int) -> str:
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot decode the text as {encoding} at byte offset {exc.start + skip}") from exc
    control = re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", text)
    if control:
        raise InputError(path, f"not a text document: binary content (control character {ord(control.group()):#04x} "
                               f"at character {control.start()} of the {encoding} text)")
    return text.replace("\r\n", "\n")


def _legacy_encoding(data: bytes) -> str | None:
    """The Western encoding charset-normalizer is sure of, or None (never a guess on binaries)."""
    if _has_utf8_sequences(data) or _CONTROL.search(data):
        return None  # broken UTF-8, or binary content
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    return codecs.lookup(best.encoding).name


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether some bytes are valid multi-byte UTF-8 (decoding with replacement keeps exactly those)."""
    return b"\xef\xbf\xbd" in data or _NON_ASCII.search(data.decode("utf-8", "replace")) is not None

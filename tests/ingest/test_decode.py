"""Bytes to text: BOMs, UTF-8, sure cp1252/Latin-1, and one line with the byte offset otherwise."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from rtgraph.errors import InputError
from rtgraph.ingest.decode import decode_text

FRENCH = "La Sûreté du Québec a saisi de la cocaïne à Montréal; l’enquête « Élan » se poursuit.\r\nFin.\n"
ENGLISH = "The RCMP said “fentanyl” – café, naïve, résumé – was seized.\nEnd.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"plain ascii\n", "plain ascii\n", "utf-8"),
        (ENGLISH.encode("utf-8"), ENGLISH, "utf-8"),
        (codecs.BOM_UTF8 + b"Title\r\n\r\nBody.\r\n", "Title\n\nBody.\n", "utf-8"),
        (ENGLISH.encode("utf-16"), ENGLISH, "utf-16-le"),  # Python writes the BOM and native order
        (codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), ENGLISH, "utf-16-be"),
        (codecs.BOM_UTF32_LE + ENGLISH.encode("utf-32-le"), ENGLISH, "utf-32-le"),
        (ENGLISH.encode("cp1252"), ENGLISH, "cp1252"),
        (FRENCH.encode("cp1252"), FRENCH.replace("\r\n", "\n"), "cp1252"),
        ("Sûreté du Québec, cocaïne, Montréal. Élevé.".encode("latin-1"), "Sûreté du Québec, cocaïne, Montréal. Élevé.", "cp1252"),
    ],
)
def test_decoded_text_and_the_encoding_recorded(data, text, encoding):
    assert decode_text(Path("doc.txt"), data) == (text, encoding)


def _random_bytes(n: int) -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(1, 256) for _ in range(n))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"Some text\x00\x01\x02 binary", "not a text document: binary content (NUL byte at byte offset 9)"),
        ("Report".encode("utf-16-le"), "not a text document: binary content (NUL byte at byte offset 1)"),  # no BOM: no guess
        # valid UTF-8 elsewhere in the file: broken UTF-8, never read as cp1252 mojibake
        ("café ".encode() + b"\xff rest", "cannot decode the text at byte offset 6: not UTF-8, and not surely "
         "cp1252 or Latin-1 either (expected text saved as UTF-8, UTF-16 with a BOM, or cp1252)"),
        (codecs.BOM_UTF8 + b"ok \xff", "cannot decode the text as utf-8 at byte offset 6"),  # offsets count the BOM
        (_random_bytes(4000), "cannot decode the text at byte offset 1: not UTF-8, and not surely "
         "cp1252 or Latin-1 either (expected text saved as UTF-8, UTF-16 with a BOM, or cp1252)"),
        ("Привет мир, это тест на кириллицу и ещё немного текста.".encode("cp1251"),
         "cannot decode the text at byte offset 0: not UTF-8, and not surely "
         "cp1252 or Latin-1 either (expected text saved as UTF-8, UTF-16 with a BOM, or cp1252)"),
        (codecs.BOM_UTF16_LE + b"\x01\x00\x02\x00\x03\x00", "not a text document: binary content "
         "(control character 0x01 at character 0 of the utf-16-le text)"),
    ],
)
def test_binary_or_undecodable_content_is_one_line_with_the_byte_offset(data, problem):
    with pytest.raises(InputError) as caught:
        decode_text(Path("bad.txt"), data)
    assert caught.value.path == "bad.txt"
    assert caught.value.problem == problem

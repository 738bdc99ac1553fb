"""Decoding page bytes: byte order marks, wrong charset declarations, legacy encodings, binary data."""

from __future__ import annotations

import codecs
import gzip
import os

import pytest

from moderation.parsing import parse_string
from moderation.parsing._decode import binary_kind, clean_text, decode_bytes, looks_binary, repair_mojibake

FRENCH = "Le café est très bon, naïve à la crème brûlée. « Déjà vu » — ça coûte 5 €."
PAGE = '<html><head><meta charset="{charset}"><title>Café</title></head><body><p>{body}</p></body></html>'


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_marks(bom, codec):
    assert decode_bytes(bom + FRENCH.encode(codec)) == FRENCH
    assert not looks_binary(bom + FRENCH.encode(codec))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(codec):
    data = ("Headline\n\n" + FRENCH + "\n") .encode(codec)
    assert not looks_binary(data)
    assert binary_kind(data) is None
    assert decode_bytes(data) == "Headline\n\n" + FRENCH + "\n"


def test_declared_latin1_but_utf8_bytes():
    page = PAGE.format(charset="iso-8859-1", body=FRENCH)
    assert decode_bytes(page.encode("utf-8")) == page


def test_declared_utf8_but_windows_1252_bytes():
    page = PAGE.format(charset="utf-8", body=FRENCH)
    assert decode_bytes(page.encode("cp1252")) == page


def test_xml_declaration_names_the_legacy_encoding():
    doc = '<?xml version="1.0" encoding="ISO-8859-15"?><r>Œuvre déjà vue, coûte 5 €.</r>'
    assert decode_bytes(doc.encode("iso-8859-15")) == doc


def test_undeclared_windows_1252_is_preferred_among_equals():
    text = "Café naïve résumé, über Grüße.\n"
    assert decode_bytes(text.encode("cp1252")) == text


def test_undeclared_cyrillic_is_detected():
    text = "Привет! Это статья о погоде в Москве, а ниже комментарии читателей.\n"
    assert decode_bytes(text.encode("cp1251")) == text


def test_utf8_with_a_stray_byte_stays_utf8():
    data = ("Grüße aus Köln. " * 20).encode("utf-8") + b"\xff" + "Tschüss".encode()
    text = decode_bytes(data)
    assert text.count("\ufffd") == 1
    assert text.endswith("Tschüss")


def test_utf8_cut_mid_character_keeps_the_rest():
    data = ("Ελληνικά κείμενα " * 10 + "τέλος").encode("utf-8")[:-1]
    text = decode_bytes(data)
    assert text.startswith("Ελληνικά κείμενα")
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize("declared", ["rot13", "base64", "idna", "undefined", "x-no-such-charset", "utf-7"])
def test_strange_declarations_never_fail(declared):
    data = PAGE.format(charset=declared, body=FRENCH).encode("cp1252")
    text = decode_bytes(data)
    assert isinstance(text, str) and "<title>Caf" in text


@pytest.mark.parametrize("data, kind", [
    (gzip.compress(b"<html></html>"), "gzip-compressed data"),
    (b"PK\x03\x04" + b"\x00" * 30, "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(range(32)) * 4, "binary data"),
])
def test_binary_kinds(data, kind):
    assert binary_kind(data) == kind


def test_random_bytes_with_nul_are_binary():
    data = os.urandom(4096) + b"\x00"
    assert looks_binary(b"\x00" + data)


def test_text_is_not_binary():
    assert binary_kind(FRENCH.encode("utf-8")) is None
    assert binary_kind(b"") is None


def test_clean_text_keeps_line_structure():
    text = "a\x00b\r\nc\x1b[1md\te\x0bf\x0cg\n"
    cleaned = clean_text(text)
    assert cleaned == "ab\r\nc[1md\tefg\n"
    assert cleaned.count("\n") == text.count("\n")


def test_a_page_saved_with_mojibake_is_repaired_and_keeps_its_lines():
    twice = "Don’t miss the café’s opening".encode().decode("cp1252")
    assert repair_mojibake(twice) == "Don’t miss the café’s opening"
    page = ("Harbour news\n\nThe new café opens on Friday, and the owners say the first coffee is free for "
            "everyone who comes before nine.\n\n2 Comments\n\nAnna says:\nMarch 3, 2026 at 9:14 am\n"
            f"{twice}!\nReply\nBob says:\nMarch 3, 2026 at 9:40 am\nSee you there.\nReply\n")
    thread = parse_string(page, source="cafe.txt", format="text")[0]
    assert thread.comments[0].text == "Don’t miss the café’s opening!"
    assert thread.line_roles["comment"]  # line numbers still point at the page's lines


def test_text_without_mojibake_is_left_alone():
    for text in ("São Paulo, Ãngel, naïve", "Price: 5 € — “quoted”", "ÂÃ are two capitals"):
        assert repair_mojibake(text) == text

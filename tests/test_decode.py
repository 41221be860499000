"""Bytes to text: every encoding articles arrive in, and binary files refused."""

from __future__ import annotations

import pytest

from db.decode import binary_kind, decode_bytes
from db.errors import ImportProblem

RU = "Лавров и Мередов обсудили в Москве каспийскую повестку.\nВторая строка, ещё текст «в кавычках» — и тире."
EN = "Lavrov and Meredov held talks in Moscow.\nSecond line."
MIXED = "Orbán и Мередов: 10 июня 2023 года, café — №5"


@pytest.mark.parametrize("text", [RU, EN, MIXED])
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32"],
)
def test_unicode_encodings_round_trip(text, encode):
    assert decode_bytes(encode(text)) == text


def test_cp1251_russian():
    assert decode_bytes(RU.encode("cp1251")) == RU


def test_cp1251_short_title():
    title = "Туркменистан и Россия договорились"
    assert decode_bytes(title.encode("cp1251")) == title


def test_koi8r_russian_is_not_read_as_cp1251():
    text = "Лавров и Мередов обсудили в Москве каспийскую повестку.\nВторая строка, ещё текст."
    assert decode_bytes(text.encode("koi8_r")) == text


def test_latin1_accents_are_not_read_as_cyrillic():
    text = "The café in Genève served crème brûlée to the delegates from Zürich."
    out = decode_bytes(text.encode("latin-1"))
    assert not any("\u0400" <= ch <= "\u04ff" for ch in out)
    assert "delegates" in out


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_truncated_utf8_still_decodes_as_utf8(cut):
    data = (RU + " €😀").encode("utf-8")[:-cut]
    out = decode_bytes(data)
    assert out.startswith(RU)
    assert "Ð" not in out and "Р›" not in out  # not mojibake from a cp1251 guess


def test_truncated_russian_utf8_drops_the_half_letter():
    text = "Туркменистан и Россия"
    data = text.encode("utf-8")[:-1]  # "я" is two bytes: one is left
    assert decode_bytes(data) == text[:-1]


def test_a_damaged_byte_in_utf8_russian_is_replaced_not_recoded():
    data = RU.encode("utf-8")
    damaged = data[:20] + b"\xff" + data[20:]
    out = decode_bytes(damaged)
    assert "Москве каспийскую" in out and "\ufffd" in out


def test_newlines_normalised_and_nul_stripped():
    assert decode_bytes(b"a\r\nb\rc\nd\x00e") == "a\nb\nc\nde"


def test_bom_not_left_in_text():
    assert not decode_bytes(b"\xef\xbb\xbfTitle").startswith("\ufeff")


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
    ],
)
def test_binary_magic_numbers_refused(data, kind):
    assert kind in (binary_kind(data) or "")
    with pytest.raises(ImportProblem, match="binary file"):
        decode_bytes(data + b"rest of the file")


def test_binary_by_control_characters():
    data = bytes(range(0, 32)) * 20 + b"some text"
    with pytest.raises(ImportProblem, match="binary file"):
        decode_bytes(data)


def test_a_few_escape_characters_are_still_text():
    assert "Title" in decode_bytes(b"Title\x1b[31m red\x07\nBody text here")


def test_text_starting_with_mz_is_text():
    assert decode_bytes(b"MZ Airlines resumes flights to Ashgabat").startswith("MZ")

"""Bytes to text for article files.

Articles arrive as UTF-8 (with or without a BOM), UTF-16 (sometimes without a BOM, as
some Windows tools save it) and Windows-1251 (old Russian sites). We try the encodings
that can be recognised for certain first and only then guess, so that Cyrillic survives
and a binary file is reported instead of being imported as garbage.
"""

from __future__ import annotations

import codecs
import re

from db.errors import ImportProblem

# Magic numbers of the binary files people most often drop into an import folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that make a decoded text look binary (tab, newlines and form feed are text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_SAMPLE = 8192


def binary_kind(data: bytes) -> str | None:
    """The kind of binary file `data` starts like, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue  # "MZ..." can begin a text file; real executables have NULs early
            return kind
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "WebP image"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode an article file to text with "\\n" newlines and no NULs.

    Raises ImportProblem for a binary file.
    """
    kind = binary_kind(data)
    if kind:
        raise ImportProblem(f"binary file ({kind}), not text")
    text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        raise ImportProblem("binary file (control characters), not text")
    return text.replace("\x00", "")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                if encoding == "utf-8":
                    # A UTF-8 mark before text that is not UTF-8 (a Windows-1251 file saved
                    # behind a wrong mark): decide on the bytes after it.
                    data = data[len(bom) :]
                    return _utf8(data) or _single_byte_cyrillic(data) or _guess(data)
            break  # "яю" in Windows-1251 looks like a UTF-16 BOM: let the checks below decide
    if b"\x00" not in data[:_SAMPLE]:
        # The common case, answered fast: valid UTF-8 with no NULs and few control codes
        # (BOM-less UTF-16 of Cyrillic has no NULs but a control byte every other byte).
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and len(_CONTROLS.findall(text, 0, _SAMPLE)) * 100 < min(
            len(text), _SAMPLE
        ):
            return text
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    utf8 = _utf8(data)
    if utf8 is not None:
        return utf8
    cyrillic = _single_byte_cyrillic(data)
    if cyrillic is not None:
        return cyrillic
    return _guess(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NULs (or Cyrillic's 0x04) sit on one side of each pair."""
    sample = data[:_SAMPLE]
    sample = sample[: len(sample) // 2 * 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        # The high byte is 0x00 for Latin text and one other value for most scripts
        # (0x04 Cyrillic, 0x20 punctuation); the low byte varies and is rarely 0x00.
        nonzero = sorted((high.count(b) for b in set(high) if b), reverse=True)
        high_common = high.count(0) + sum(nonzero[:2])
        if high_common >= 0.9 * pairs and low.count(0) <= 0.05 * pairs and high.count(0) > 0:
            if _decodes(data, encoding):
                return encoding
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _utf8(data: bytes) -> str | None:
    """The text if `data` is UTF-8, allowing a multi-byte character cut off at the end
    and a few damaged bytes among many good multi-byte characters."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8", errors="replace")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if multibyte >= 2 * bad:  # Windows-1251 text gives far more bad bytes than letters
        return text
    return None


# Bytes of Windows-1251 text: ASCII, Cyrillic letters and the usual typographic marks.
_ASCII = bytes(range(0x80))
_NOT_LETTERS = bytes(b for b in range(0x100) if b < 0xC0 and b not in (0xA8, 0xB8))  # Ё ё
_NOT_PLAUSIBLE = bytes(
    b
    for b in range(0x100)
    if b < 0xC0
    and b not in b"\xa0\xa8\xb8\xab\xbb\x96\x97\x93\x94\x84\x85\xb9\x91\x92\xb0\xb7\xa9\xae"
)
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _single_byte_cyrillic(data: bytes) -> str | None:
    """Windows-1251 (or KOI8-R) text, told apart by which of them gives mostly lower case."""
    sample = data[: _SAMPLE * 8]
    high = len(sample.translate(None, _ASCII))
    if not high:
        return None
    letters = len(sample.translate(None, _NOT_LETTERS))
    plausible = len(sample.translate(None, _NOT_PLAUSIBLE))
    ascii_letters = len(sample) - len(sample.translate(None, _ASCII_LETTERS))
    if letters < 0.5 * high or plausible < 0.95 * high:
        return None
    if letters < 0.3 * (letters + ascii_letters):
        return None  # a few accented letters in Latin text: leave it to the guesser
    best: tuple[float, str] | None = None
    for encoding in ("cp1251", "koi8_r"):
        text = sample.decode(encoding, errors="replace")
        cyr = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
        lower = sum(1 for ch in cyr if ch.islower()) / max(1, len(cyr))
        if best is None or lower > best[0]:
            best = (lower, encoding)
    if best and best[0] >= 0.5:
        return data.decode(best[1], errors="replace")
    return None


def _guess(data: bytes) -> str:
    """charset-normalizer's guess, else Windows-1252 (which decodes any byte)."""
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(data).best()
        # UTF-16/32 were ruled out above; a guess of them here is noise in short input.
        if match is not None and not match.encoding.startswith(("utf_16", "utf_32")):
            return str(match)
    except Exception:  # a guesser's crash must not stop an import; fall back below
        pass
    return data.decode("cp1252", errors="replace")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:_SAMPLE]
    bad = len(_CONTROL.findall(sample))
    return bad > max(2, 0.1 * len(sample))

"""Turn the bytes of a saved page into text, whatever its encoding claims."""

from __future__ import annotations

import codecs
import re

__all__ = ["binary_kind", "clean_text", "decode_bytes", "looks_binary", "repair_mojibake"]

_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_\-.]{1,40})""", re.I)

#: Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File signatures of common non-text files, so the error can say what the file is.
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

#: Codecs a page may declare that are never right for the bytes once UTF-8 has failed:
#: UTF-8 itself, and UTF-16/32 (a BOM or the NUL pattern would have caught real ones;
#: browsers treat a ``<meta>`` UTF-16 declaration as UTF-8 for the same reason).
_USELESS_DECLARATIONS = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}

#: Declarations that browsers read as windows-1252 (WHATWG Encoding Standard).
_WINDOWS_1252_ALIASES = {"latin-1", "iso8859-1", "ascii", "cp1252"}

#: Single-byte code pages for Latin scripts, among which windows-1252 is preferred on near-ties.
_LATIN_CODECS = {
    "cp1250", "cp1252", "cp1257", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-9", "iso8859-10",
    "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
}

#: DOS, old Mac and other code pages that web pages and exports practically never use.
_RARE_CODECS = {
    "cp437", "cp720", "cp737", "cp775", "cp850", "cp852", "cp855", "cp857", "cp858", "cp860", "cp861", "cp862",
    "cp863", "cp865", "cp866", "cp869", "cp1006", "cp1125", "hp-roman8", "mac-latin2", "mac-roman",
    "mac-iceland", "mac-turkish", "mac-greek", "mac-cyrillic", "mac-croatian", "mac-romanian", "ptcp154", "kz1048",
}

#: Control characters that are never page text; tab, line feed and carriage return are kept.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


def binary_kind(data: bytes) -> str | None:
    """Say what kind of non-text file ``data`` is, or None when it looks like text.

    Parameters
    ----------
    data : bytes
        The file content (only the first 8 KB are examined).

    Returns
    -------
    str or None
        A short description such as ``"a PDF document"`` or ``"binary data"``.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return "binary data" if looks_binary(data) else None


def looks_binary(data: bytes) -> bool:
    """Return True for data that is not text in any encoding (NUL bytes, many control bytes).

    Text with a UTF-16/UTF-32 byte order mark, or UTF-16 without one (every other byte NUL),
    is not binary.
    """
    sample = data[:8192]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode page bytes, whatever their encoding; undecodable bytes are replaced, never fatal.

    The order is: byte order mark; UTF-16 without a mark; strict UTF-8; UTF-8 with a few bad
    bytes (a truncated file, one stray byte); the charset the page declares; a detected one;
    windows-1252. Strict UTF-8 comes before the declaration because wrong declarations are
    common (pages saved as UTF-8 that still say ISO-8859-1), and a page that declares UTF-8
    but is not UTF-8 is decoded by detection rather than filled with replacement characters.

    Parameters
    ----------
    data : bytes
        The raw file content.

    Returns
    -------
    str
        The text, without a leading byte order mark.

    Examples
    --------
    >>> decode_bytes("café".encode("utf-8"))
    'café'
    >>> decode_bytes('<meta charset="utf-8"><p>café</p>'.encode("cp1252"))
    '<meta charset="utf-8"><p>café</p>'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    for find in (lambda: _declared_codec(data[:16384]), lambda: _detected_codec(data[:200_000])):
        codec = find()
        if codec:
            try:
                return data.decode(codec, errors="replace")
            except (UnicodeError, LookupError, ValueError):
                continue
    return data.decode("cp1252", errors="replace")


def clean_text(text: str) -> str:
    """Remove control characters (NUL, escape, ...) that no page shows; keep tabs and line breaks.

    Removing them never changes the number of ``\\n``-separated lines, so line numbers stay valid.

    Examples
    --------
    >>> clean_text("a\\x00b\\x1b[0mc\\n")
    'ab[0mc\\n'
    """
    if _CONTROL_CHARS.search(text) is None:
        return text
    return _CONTROL_CHARS.sub("", text)


#: Text that was UTF-8 read as windows-1252 or Latin-1 and saved again ("â€™" for "’", "Ã©" for "é",
#: "Â" before a no-break space): the page itself carries the damage, whatever its bytes' encoding.
_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as windows-1252 or Latin-1 and saved again, with ftfy.

    Only text with the telltale pairs is handed to ``ftfy.fix_encoding`` (it is cautious and
    leaves text it cannot explain alone); a repair that would change the number of lines is not
    taken, so text pages' line numbers stay valid.

    Examples
    --------
    >>> repair_mojibake("John Watersâ€™ Cry-Baby, cafÃ© au lait")
    'John Waters’ Cry-Baby, café au lait'
    >>> repair_mojibake("São Paulo, naïve")
    'São Paulo, naïve'
    """
    if _MOJIBAKE.search(text) is None:
        return text
    import ftfy

    fixed = ftfy.fix_encoding(text)
    return fixed if fixed.count("\n") == text.count("\n") else text


def _utf16_without_bom(sample: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when most odd/even bytes are NUL (ASCII-heavy UTF-16)."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nul > 0.7 * half and even_nul < 0.1 * half:
        return "utf-16-le"
    if even_nul > 0.7 * half and odd_nul < 0.1 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8 with a few broken bytes rather than a legacy encoding.

    Legacy single-byte text (é as one byte between ASCII letters) almost never forms a valid
    UTF-8 multi-byte sequence, so valid sequences clearly outnumbering invalid ones mean UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return good > 0 and good >= 2 * bad


def _declared_codec(head: bytes) -> str | None:
    """The usable codec an XML declaration or ``<meta>`` names, or None."""
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return _usable_codec(match.group(1).decode("ascii", "replace"))


def _detected_codec(sample: bytes) -> str | None:
    """The codec charset-normalizer finds most likely, preferring windows-1252 among equals."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return None
    try:
        matches = list(from_bytes(sample))
    except Exception:  # pragma: no cover - a detector failure must not stop parsing
        return None
    if not matches:
        return None
    # DOS and old Mac code pages are almost never used for web pages or exports, yet on short
    # samples the detector often ranks them first; consider them only when nothing else fits.
    matches = [m for m in matches if _usable_codec(m.encoding) not in _RARE_CODECS] or matches
    best = matches[0]
    if _usable_codec(best.encoding) in _LATIN_CODECS:
        # Short western samples fit cp1250, cp1252, cp1257... about equally well and the detector
        # often ranks a Baltic or Central European code page first; windows-1252 is by far the
        # most common on the web and the one browsers fall back to, so it wins near-ties.
        for match in matches:
            same_text = {_usable_codec(name) for name in [match.encoding, *match.could_be_from_charset]}
            if ("cp1252" in same_text and match.chaos <= best.chaos + 0.1
                    and match.coherence >= best.coherence - 0.01):
                return "cp1252"
    if best.encoding.replace("-", "_").lower() in ("utf_8", "utf8"):
        return "utf-8"
    return _usable_codec(best.encoding)


def _usable_codec(name: str) -> str | None:
    """Normalise a charset name to a Python text codec, or None when it is unknown or useless."""
    try:
        codec = codecs.lookup(name.strip().lower()).name
        b"\xe9abc\x80".decode(codec, errors="replace")  # rejects bytes-to-bytes and strict-only codecs
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    if codec in _USELESS_DECLARATIONS:
        return None
    if codec in _WINDOWS_1252_ALIASES:
        return "cp1252"
    return codec

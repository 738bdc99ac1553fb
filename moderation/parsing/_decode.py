"""Turn the bytes of a saved page into text, whatever its encoding claims."""

from __future__ import annotations

import re

__all__ = ["decode_bytes", "looks_binary"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    """Return True for data that is not text in any encoding (NUL bytes, many control bytes)."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode page bytes: BOM, then UTF-8, then the declared charset, then a detected one.

    Wrong declarations are common (pages saved as UTF-8 that still say ISO-8859-1), so strict
    UTF-8 is tried before the declaration; undecodable bytes are replaced, never fatal.
    """
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match:
        codec = match.group(1).decode("ascii", "replace")
        try:
            return data.decode(codec, errors="replace")
        except LookupError:
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    return data.decode("cp1252", errors="replace")

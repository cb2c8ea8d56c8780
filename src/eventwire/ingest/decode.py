"""Bytes to text: binary sniffing and decoding.

Order: a byte-order mark (UTF-8/16/32), UTF-16/32 without a BOM recognized by their NUL
pattern, UTF-8, the declared charset (HTTP header, ``<meta charset>``, XML declaration),
then charset_normalizer's detection. :func:`decode_text` also says which way was taken, so
a reader can record a guessed encoding instead of storing a wrong decoding silently."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = [
    "is_binary",
    "decode_bytes",
    "decode_text",
    "Decoded",
    "DecodeFailure",
    "html_declared_charset",
    "xml_declared_charset",
]

# Control characters that never occur in real text (tab, LF, CR, FF, ESC are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"OggS",
    b"ID3",
    b"RIFF",
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)
# longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "utf_16", "cp1251")


class DecodeFailure(ValueError):
    """Raised with a code (E102 binary, E103 undecodable) and a reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    how: str  # bom | nul-pattern | utf-8 | declared | detected


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when ``data`` starts with a byte-order mark."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, recognized by where the NUL bytes of mostly-ASCII text
    fall (XML, JSON and HTML all start with ASCII)."""
    head = data[:4096]
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    head = head[:n]
    zero = [sum(1 for b in head[i::4] if b == 0) / (n // 4) for i in range(4)]
    # UTF-32: the top byte of a code point is always 0, the next almost always
    if zero[3] > 0.95 and zero[2] > 0.9 and zero[0] < 0.5:
        return "utf-32-le"
    if zero[0] > 0.95 and zero[1] > 0.9 and zero[3] < 0.5:
        return "utf-32-be"
    even, odd = (zero[0] + zero[2]) / 2, (zero[1] + zero[3]) / 2
    # UTF-16: ASCII characters (markup, spaces, digits) have a NUL high byte
    if even < 0.02 and odd > 0.3:
        return "utf-16-le"
    if odd < 0.02 and even > 0.3:
        return "utf-16-be"
    return None


def is_binary(data: bytes) -> bool:
    """True for data that is not text: known binary magic, NUL bytes, or many control bytes."""
    head = data[:8192]
    if not head:
        return False
    if bom_encoding(head) is not None or wide_encoding(head) is not None:
        return False  # UTF-16/32 text has NULs, handled by the decoder
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True
    ctrl = sum(head.count(bytes([c])) for c in _CONTROL)
    return ctrl / len(head) > 0.05


def html_declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def xml_declared_charset(data: bytes) -> str | None:
    """The ``encoding`` of an XML declaration (``<?xml version="1.0" encoding="koi8-r"?>``)."""
    m = _XML_DECL.match(data[:512].lstrip(codecs.BOM_UTF8))
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _is_wide(name: str) -> bool:
    try:
        return codecs.lookup(name).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """The text of ``data`` (see :func:`decode_text`). Raises DecodeFailure."""
    return decode_text(data, declared).text


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``: BOM, UTF-16/32 by NUL pattern, UTF-8 (tolerating a truncated last
    character), the declared charset, then charset_normalizer's best guess. Raises
    DecodeFailure (E102 binary, E103 undecodable)."""
    bom = bom_encoding(data)
    wide = None if bom else wide_encoding(data)
    if bom is None and wide is None and declared and _is_wide(declared) and b"\x00" in data[:64]:
        wide = codecs.lookup(declared).name
    if bom is not None or wide is not None:
        enc = bom[0] if bom else str(wide)
        body = data[bom[1]:] if bom else data
        try:
            return Decoded(body.decode(enc), enc, "bom" if bom else "nul-pattern")
        except UnicodeDecodeError as e:
            if enc != "utf-8":
                # cut inside the last character: keep what is whole
                unit = 4 if "32" in enc else 2
                whole = len(body) - len(body) % unit
                try:
                    if whole < len(body):
                        return Decoded(body[:whole].decode(enc), enc, "bom")
                except UnicodeDecodeError:
                    pass
                raise DecodeFailure("E103", f"invalid {enc.upper()}: {e.reason}") from None
            data = body
    if is_binary(data):
        raise DecodeFailure("E102", "binary content (not text)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as e:
        # a file cut in the middle of a multi-byte character: keep what is whole
        if e.start >= len(data) - 3 and "end of data" in e.reason:
            try:
                return Decoded(data[: e.start].decode("utf-8"), "utf-8", "utf-8")
            except UnicodeDecodeError:
                pass
    if declared and not _is_wide(declared):
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name, "declared")
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise DecodeFailure("E103", "not UTF-8 and no character encoding could be detected")
    best = results[0]
    # Short texts fit many code pages equally well; among the least chaotic candidates
    # prefer the common Western legacy encodings of news text.
    calm = [r for r in results if r.chaos <= best.chaos + 0.01]
    for enc in _PREFERRED:
        hit = next((r for r in calm if r.encoding == enc), None)
        if hit is not None:
            best = hit
            break
    text = str(best)
    # a guess that produces many replacement or control characters is not a decoding
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise DecodeFailure("E103", f"undecodable text (best guess {best.encoding} fails)")
    return Decoded(text, best.encoding, "detected")

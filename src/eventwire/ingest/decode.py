"""Bytes to text: binary sniffing and decoding (UTF-8 first, then charset detection)."""

from __future__ import annotations

import re

__all__ = ["is_binary", "decode_bytes", "DecodeFailure", "html_declared_charset"]

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


_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "utf_16", "cp1251")


class DecodeFailure(ValueError):
    """Raised with a code (E102 binary, E103 undecodable) and a reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def is_binary(data: bytes) -> bool:
    """True for data that is not text: known binary magic, NUL bytes, or many control bytes."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # BOM: text (UTF-16 has NULs, handled by the decoder)
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True
    ctrl = sum(head.count(bytes([c])) for c in _CONTROL)
    return ctrl / len(head) > 0.05


def html_declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``: BOM, UTF-8 (tolerating a truncated last character), the declared
    charset, then charset_normalizer's best guess. Raises DecodeFailure."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DecodeFailure("E103", f"invalid UTF-16: {e.reason}") from None
    if is_binary(data):
        raise DecodeFailure("E102", "binary content (not text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        # a file cut in the middle of a multi-byte character: keep what is whole
        if e.start >= len(data) - 3 and "end of data" in e.reason:
            try:
                return data[: e.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
    if declared:
        try:
            return data.decode(declared)
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
    return text

"""Fetching URLs safely: http(s) only, private/loopback addresses refused unless allowed,
redirects followed by hand (at most 5, each hop checked), timeouts and a size cap."""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

__all__ = ["FetchResult", "FetchRefused", "fetch", "check_host", "MAX_REDIRECTS"]

MAX_REDIRECTS = 5
USER_AGENT = "eventwire/0.1 (+https://github.com/eventwire)"


class FetchRefused(Exception):
    """A fetch that did not happen or failed: ``code`` is E401, E402 or E403."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclasses.dataclass(frozen=True)
class FetchResult:
    url: str  # the final URL after redirects
    content: bytes
    content_type: str
    status: int


def _blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return _blocked(ip.ipv4_mapped)
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_host(url: str, allow_private: bool = False) -> None:
    """Raise FetchRefused unless ``url`` is http(s) and every address its host resolves
    to is public (or ``allow_private``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused("E401", f"only http and https URLs are fetched, not {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise FetchRefused("E402", "URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchRefused("E402", "URL has an invalid port") from None
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise FetchRefused("E402", f"cannot resolve host {host!r}: {e}") from None
    if allow_private:
        return
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            raise FetchRefused("E401", f"host {host!r} resolves to an unparsable address") from None
        if _blocked(ip):
            raise FetchRefused(
                "E401",
                f"host {host!r} resolves to non-public address {ip} (pass --allow-private, or allow_private=True in Python, to permit)",
            )


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = 20_000_000,
    timeout: float = 15.0,
    total_timeout: float = 60.0,
) -> FetchResult:
    """GET ``url``; raises FetchRefused (E401 refused, E402 failed, E403 too large)."""
    import httpx

    deadline = time.monotonic() + total_timeout
    t = httpx.Timeout(timeout, connect=min(timeout, 10.0))
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, "
               "application/rss+xml, application/atom+xml, application/json, text/plain;q=0.9, */*;q=0.5"}
    current = url
    with httpx.Client(timeout=t, follow_redirects=False, headers=headers, trust_env=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            check_host(current, allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        loc = resp.headers.get("location")
                        if not loc:
                            raise FetchRefused("E402", f"redirect without Location from {current}")
                        current = urljoin(current, loc)
                        continue
                    if resp.status_code >= 400:
                        raise FetchRefused("E402", f"HTTP {resp.status_code} from {current}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchRefused(
                            "E403", f"response of {int(declared)} bytes exceeds the cap of {max_bytes}"
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchRefused("E403", f"response exceeds the cap of {max_bytes} bytes")
                        if time.monotonic() > deadline:
                            raise FetchRefused("E402", f"download exceeded {total_timeout:.0f} s")
                        chunks.append(chunk)
                    return FetchResult(
                        url=str(resp.url),
                        content=b"".join(chunks),
                        content_type=resp.headers.get("content-type", ""),
                        status=resp.status_code,
                    )
            except httpx.HTTPError as e:
                raise FetchRefused("E402", f"{type(e).__name__}: {e}") from None
        raise FetchRefused("E402", f"more than {MAX_REDIRECTS} redirects")

"""The HTTP server: a JSON API (``/api/...``, OpenAPI at ``/api/openapi.json``) and a
server-rendered web UI over the same store. Needs the ``serve`` extra
(``pip install 'eventwire[serve]'``).

    from eventwire.serve import create_app
    app = create_app("sqlite:///eventwire.db")   # any ASGI server runs it
"""

from __future__ import annotations

from eventwire.serve.app import ServeSettings, create_app

__all__ = ["create_app", "ServeSettings"]

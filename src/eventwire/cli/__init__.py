"""The ``eventwire`` command line: parses, calls the API, prints. The only package that prints.

Commands live in modules by what they do; importing them registers them on ``app``.
"""

from __future__ import annotations

import contextlib
import os
import sys

from eventwire.cli import browse, db, facts, pipeline, serve, standalone, tokens  # noqa: F401  (register commands)
from eventwire.cli._app import app, console
from eventwire.errors import EventwireError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # `eventwire export … | head`: the reader has what it wanted
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except EventwireError as e:  # commands catch their own; this is the backstop
        console.print(f"Error {e.code}: {e.message}", highlight=False, markup=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        console.print("interrupted: what was committed is kept; run again to continue")
        sys.exit(130)
    except Exception as e:  # never a traceback for the user
        msg = f"{type(e).__name__}: {e}".splitlines()[0][:300]
        console.print(
            f"Error E999: internal error ({msg}); please report it",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        sys.exit(1)

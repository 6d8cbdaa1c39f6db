"""The event loop `serve`, the embedded default's turn thread and Celery workers run on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


def fast_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop when it is installed (uvicorn[standard] brings it), else asyncio's.

    uvicorn picks uvloop itself only when it creates the loop; here the loop is ours, since
    the sandbox, the runtime and the background tasks live on it with the server."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop

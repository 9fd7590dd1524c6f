"""Run a coroutine to its end from any code: a script, or code that already runs an event loop.

A notebook's kernel, a test session driving a browser (playwright) and Voila all run an event
loop in the main thread, where :func:`asyncio.run` refuses to start another; the coroutine then
runs in a thread of its own.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Coroutine, TypeVar

T = TypeVar("T")


def run_to_end(coro: Coroutine[Any, Any, T]) -> T:
    """The result of ``coro``, run by :func:`asyncio.run` here or, under a running loop, in a new thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()

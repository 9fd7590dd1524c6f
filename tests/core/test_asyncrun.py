"""run_to_end runs a coroutine from plain code and from code under a running event loop.

Each case runs in a fresh thread, which has no event loop of its own whatever the test session
runs in the main thread (a browser test's playwright loop, for one).
"""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from crm.core.asyncrun import run_to_end


async def _thread():
    await asyncio.sleep(0)
    return threading.get_ident()


def _in_a_fresh_thread(fn):
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn).result()


def test_from_plain_code_it_runs_here():
    here, ran_in = _in_a_fresh_thread(lambda: (threading.get_ident(), run_to_end(_thread())))
    assert ran_in == here


def test_under_a_running_loop_it_runs_in_a_thread_of_its_own():
    async def outer():  # as in a notebook's kernel, or a test session driving playwright
        return threading.get_ident(), run_to_end(_thread())

    here, ran_in = _in_a_fresh_thread(lambda: asyncio.run(outer()))
    assert ran_in != here

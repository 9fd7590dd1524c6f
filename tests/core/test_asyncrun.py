"""run_to_end runs a coroutine from plain code and from code under a running event loop."""
import asyncio
import threading

from crm.core.asyncrun import run_to_end


async def _where():
    await asyncio.sleep(0)
    return threading.current_thread() is threading.main_thread()


def test_from_plain_code_it_runs_here():
    assert run_to_end(_where()) is True


def test_under_a_running_loop_it_runs_in_a_thread_of_its_own():
    async def outer():  # as in a notebook's kernel, or a test session driving playwright
        return run_to_end(_where())

    assert asyncio.run(outer()) is False

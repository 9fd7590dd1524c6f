"""The visitors' kernels of the published apps: freed when the page goes, culled when idle, limited.

Voila gives every page view its own kernel and, in the versions we use, never frees it:
the page's shutdown request on close is refused (Voila issue #1458) and nothing culls
idle kernels; nor is there a limit (Voila issue #617). :class:`VisitorKernels` is a mixin
put on top of Voila's own kernel manager (the pooling ``VoilaKernelManager``) by
``crm-publish``:

* a kernel handed to a visitor (a preheated one taken from a pool, or one started for
  the page) is a *visitor kernel*; the kernels waiting in the pools are not;
* when a visitor kernel's last websocket closes (tab closed, page reloaded, network
  gone) and none comes back within ``disconnect_grace`` seconds, it is shut down;
  a page that never opens its websocket frees its kernel ``connect_timeout`` seconds after
  it was sent;
* idle kernels are culled by jupyter_server's own culler (``cull_idle_timeout``,
  ``cull_connected``), which Voila's manager keeps off the pools;
* :meth:`VisitorKernels.admit` refuses a visitor beyond ``max_kernels`` visitor kernels
  (the page handler then answers 503 with a retry page).

Lives in ``widgets`` beside :mod:`widgets.app.publish`, which it serves.
"""
from __future__ import annotations

import collections
import contextvars
import gc
import time
from typing import Any

from jupyter_server._tz import utcnow
from tornado.ioloop import PeriodicCallback
from traitlets import Float, Integer
from traitlets.config import LoggingConfigurable

from widgets.app.fork_kernels import malloc_trim

#: Defaults of ``crm-publish`` (also the traits' defaults).
DISCONNECT_GRACE_S = 20.0  # a reload or a short network loss reconnects within this
CONNECT_TIMEOUT_S = 120.0  # a page's first websocket; a class arriving at once on 2 cores takes a while
IDLE_TIMEOUT_S = 1200  # 20 min without a message from the kernel: the visitor has gone
CULL_INTERVAL_S = 60
SWEEP_INTERVAL_S = 1.0


class _Reservation:
    """A visitor admitted whose kernel does not exist yet (then: his kernel's id)."""

    __slots__ = ("converted", "kernel_id")

    def __init__(self) -> None:
        self.converted = False
        self.kernel_id: str | None = None


#: The reservation of the page request being served in this asyncio task (set by the page
#: handler): the kernel started or handed out while it runs is that visitor's.
CURRENT_RESERVATION: contextvars.ContextVar[_Reservation | None] = contextvars.ContextVar(
    "crm_publish_reservation", default=None)


class VisitorKernels(LoggingConfigurable):
    """Mixin for a jupyter_server kernel manager: visitor kernels freed, culled and limited.

    Put first in the bases of Voila's kernel manager class (see
    :func:`visitor_kernel_manager_factory`). A kernel is a visitor's when it is
    started through :meth:`start_kernel` of the final class (the page handler's call)
    or handed out by ``get_rendered_notebook`` (a preheated one); Voila's pools start
    theirs through the base class and are never counted.
    """

    disconnect_grace = Float(DISCONNECT_GRACE_S, config=True,
                             help="Seconds a visitor kernel stays after its last websocket closed.")
    connect_timeout = Float(CONNECT_TIMEOUT_S, config=True,
                            help="Seconds a visitor kernel waits for its page's first websocket.")
    max_kernels = Integer(0, config=True, help="Most visitor kernels alive at once (0: no limit).")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # kernel id -> (monotonic time since it has had no websocket, seconds allowed)
        self._unattended: dict[str, tuple[float, float]] = {}
        self._visitors: set[str] = set()
        self._reservations: collections.deque[_Reservation] = collections.deque()
        self._sweeper: PeriodicCallback | None = None
        self._freed = False  # a kernel was shut down since the memory was last given back
        self.shutdowns = collections.Counter()  # why visitor kernels were shut down (for the log)

    # ---- which kernels are visitors' --------------------------------------------------------

    def _mark_visitor(self, kernel_id: str) -> None:
        self._visitors.add(kernel_id)
        kernel = self._kernels.get(kernel_id)
        if kernel is not None:
            # A preheated kernel may have waited in its pool longer than the idle timeout:
            # the visitor's time starts now, or the culler takes it before the page connects.
            kernel.last_activity = utcnow()
        current = CURRENT_RESERVATION.get()
        if current is not None and not current.converted:
            current.converted, current.kernel_id = True, kernel_id
            self._reservations.remove(current)
        else:  # not started by a page request (none here): wait for a websocket from now
            if self._kernel_connections.get(kernel_id, 0) == 0:
                self._unattended[kernel_id] = (time.monotonic(), self.connect_timeout)
        self._start_sweeper()

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        kernel_id = await super().start_kernel(*args, **kwargs)
        self._mark_visitor(kernel_id)
        return kernel_id

    def get_pool_size(self, notebook_name: str) -> int:
        """Kernels of the pool that are ready (Voila counts those still waiting for their refill
        delay too, and a visitor then waited the delay plus a whole notebook run)."""
        return sum(task.done() and not task.cancelled() and task.exception() is None
                   for task in getattr(self, "_pools", {}).get(notebook_name, ()))

    async def get_rendered_notebook(self, notebook_name: str, *args: Any, **kwargs: Any):
        pool = self._pools.get(notebook_name, [])
        ready = [task for task in pool if task.done() and not task.cancelled() and task.exception() is None]
        if ready and pool[0] is not ready[0]:  # Voila takes the first: make it a ready one
            pool.remove(ready[0])
            pool.insert(0, ready[0])
        task, rendered, kernel_id = await super().get_rendered_notebook(notebook_name, *args, **kwargs)
        self._mark_visitor(kernel_id)
        return task, rendered, kernel_id

    def visitor_kernel_ids(self) -> list[str]:
        """Ids of the kernels that visitors hold now."""
        return sorted(k for k in self._visitors if k in self)

    # ---- limits --------------------------------------------------------------------------------

    def admit(self) -> _Reservation | None:
        """A reservation for one more visitor, or None when ``max_kernels`` are taken.

        Give it back with :meth:`release` once the page is served (or failed).
        """
        waiting = sum(not r.converted for r in self._reservations)
        if self.max_kernels > 0 and len(self.visitor_kernel_ids()) + waiting >= self.max_kernels:
            return None
        reservation = _Reservation()
        self._reservations.append(reservation)
        return reservation

    def release(self, reservation: _Reservation, page_closed: bool = False) -> None:
        """The page request of ``reservation`` is over: drop it, or start waiting for its websocket.

        The wait (``connect_timeout``) starts when the page has been sent, not when its kernel
        started: with a class arriving at once, running the notebook alone may take minutes.
        ``page_closed``: the visitor left before the page was sent; his kernel goes after
        ``disconnect_grace``.
        """
        if not reservation.converted:
            reservation.converted = True
            try:
                self._reservations.remove(reservation)
            except ValueError:
                pass
        kernel_id = reservation.kernel_id
        if kernel_id is not None and kernel_id in self._visitors and kernel_id in self \
                and self._kernel_connections.get(kernel_id, 0) == 0 and kernel_id not in self._unattended:
            self._unattended[kernel_id] = (time.monotonic(),
                                           self.disconnect_grace if page_closed else self.connect_timeout)

    # ---- connections ---------------------------------------------------------------------------

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self._unattended.pop(kernel_id, None)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        if kernel_id in self._visitors and self._kernel_connections.get(kernel_id, 0) <= 0:
            self._unattended[kernel_id] = (time.monotonic(), self.disconnect_grace)

    def _start_sweeper(self) -> None:
        if self._sweeper is None:
            self._sweeper = PeriodicCallback(self._sweep, SWEEP_INTERVAL_S * 1000)
            self._sweeper.start()

    async def _sweep(self) -> None:
        if self._freed and not self._visitors:
            # the last visitor has gone: give the server's freed memory back to the machine (its
            # buffers of the pages' messages are freed, but glibc keeps the pages; 299 -> 170 MB after
            # 40 visitors is what the class-arrival benchmark measured without this)
            self._freed = False
            gc.collect()
            malloc_trim()
        now = time.monotonic()
        for kernel_id, (since, allowed) in list(self._unattended.items()):
            if kernel_id not in self:
                self._forget(kernel_id)
            elif now - since > allowed:
                self._forget(kernel_id)
                self.shutdowns["no page" if allowed == self.connect_timeout else "page closed"] += 1
                self.log.info("Shutting down visitor kernel %s: no page connected for %.0f s", kernel_id, now - since)
                try:
                    await self.shutdown_kernel(kernel_id)
                except Exception as err:  # already gone, or dying: nothing left to free
                    self.log.warning("Shutting down kernel %s failed: %s", kernel_id, err)

    def _forget(self, kernel_id: str) -> None:
        self._unattended.pop(kernel_id, None)
        self._visitors.discard(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        self._forget(kernel_id)
        self._freed = True
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)


def visitor_kernel_manager_factory(factory):
    """Wrap Voila's ``voila_kernel_manager_factory`` so its class gets :class:`VisitorKernels` on top."""

    def make(*args: Any, **kwargs: Any) -> type:
        voila_class = factory(*args, **kwargs)
        return type("CasebookKernelManager", (VisitorKernels, voila_class), {})

    return make

"""A Dask distributed cluster as the batch's executor.

The batch keeps about two pages in flight per worker thread, so it asks the cluster how many
threads its workers have (all of them, not this machine's cores) every time it tops up. A cluster
with no worker would take the pages and hold them for ever: after `NO_WORKERS_GRACE_S` the user
is told, and the run stops cleanly (pages done are kept) or waits for workers, as they chose.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from typing import Any

from corrigenda.errors import CorrigendaError, EngineError

NO_WORKERS_GRACE_S = 3.0  # workers of a cluster that is starting up join within a second or two
CONNECT_TIMEOUT = "30s"


class NoWorkersError(EngineError):
    """The Dask cluster has no worker to run the pages on."""


class DaskCluster(Executor):
    """Runs tasks on a Dask cluster through its concurrent.futures executor, and knows the
    cluster's size. `wait`: when no worker is left, wait for one (True) or stop (False)."""

    def __init__(
        self, client: Any, address: str, *, wait: bool, say: Callable[[str], None]
    ) -> None:
        self._client = client
        self._executor = client.get_executor()
        self.address = address
        self.wait = wait
        self._say = say
        self._empty_since: float | None = None
        self._told = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._executor.shutdown(wait=wait)

    def threads(self) -> int:
        """The worker threads of the whole cluster now; 0 while there is none (and, past the
        grace time, says so and waits, or raises NoWorkersError)."""
        total = sum(self._client.nthreads().values())
        if total:
            if self._told:
                self._say(f"Dask workers joined: {total} threads")
            self._empty_since, self._told = None, False
            return total
        now = time.monotonic()
        self._empty_since = self._empty_since or now
        if now - self._empty_since < NO_WORKERS_GRACE_S or self._told:
            return 0
        if not self.wait:
            raise NoWorkersError(
                f"the Dask scheduler at {self.address} has no workers: start some "
                "(dask worker ADDRESS), or run with --if-no-workers wait; pages done are kept"
            )
        self._say(
            f"the Dask scheduler at {self.address} has no workers: waiting for some to join "
            "(Ctrl-C stops; pages done are kept)"
        )
        self._told = True
        return 0


@contextmanager
def dask_executor(
    address: str, *, wait: bool = False, say: Callable[[str], None] = lambda _: None
) -> Iterator[DaskCluster]:
    """A DaskCluster on the scheduler at `address`, closed afterwards."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise CorrigendaError("--scheduler needs Dask: pip install 'corrigenda[cluster]'") from exc
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise CorrigendaError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield DaskCluster(client, address, wait=wait, say=say)
    finally:
        client.close()

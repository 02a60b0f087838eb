"""Set-up of the report process pools (county pages, chart PNGs)."""

from __future__ import annotations

import os
import time

__all__ = ["init_pool_worker"]


def init_pool_worker() -> None:
    """Pool worker set-up; the worker exits by itself if its parent run is killed (SIGKILL).

    Without this, workers of a killed ``samverkan run`` wait forever on their task queue, holding
    the parent's output pipes (so cron never sees the job end) and the database open.
    """
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()

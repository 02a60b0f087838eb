"""Projects and unattended runs: ``init``, ``demo`` and ``run`` (inbox -> store -> reports)."""

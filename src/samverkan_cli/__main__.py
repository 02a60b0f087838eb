"""Allow ``python -m samverkan_cli``."""

from samverkan_cli.cli.entry import main

main()

"""Allow ``python -m samverkan_cli``."""

from samverkan_cli.cli.app import main

main()

"""``python -m asckg``: the asckg command."""

from asckg.cli.main import main

main()

"""The ``asckg`` command line: one typer app (app.py), one module per command, and a
typer-free entry point (main.py) that answers ``asckg cites`` without loading typer."""

"""Run lawbase from a checkout without installing it: `python cli.py show 367ter`."""

from lawbase.cli import main

main()

"""`python -m lawbase`."""

from lawbase.cli import main

main()

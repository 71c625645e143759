"""`python -m lawbase`."""

from lawbase.entry import main

main()

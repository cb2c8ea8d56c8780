"""`python -m eventwire.cli`: the same as the `eventwire` command."""

from eventwire.cli import main

if __name__ == "__main__":
    main()

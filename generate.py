"""Make the leaflets and talk decks from content.yaml. Run `python generate.py --help`."""

from leaflets.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

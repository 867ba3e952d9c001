"""Patient-education leaflets and talk decks from one content.yaml."""

__version__ = "0.1.0"

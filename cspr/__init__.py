"""cspr: keeps Child Safeguarding Practice Reviews to their statutory deadlines."""

__version__ = "0.1.0"

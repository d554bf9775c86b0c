"""Errors the parsers raise; each message is written to be shown to the user as it is."""

from __future__ import annotations

__all__ = ["ParseError", "PostNotFound", "UnsupportedLink"]


class ParseError(ValueError):
    """The page or data could not be read as a post."""


class UnsupportedLink(ParseError):
    """A link the bot cannot open (a private Telegram chat, an X profile, a non-web link)."""


class PostNotFound(ParseError):
    """The post was deleted, never existed, or is not public."""

"""Thin Telegram handlers: turn an Update into a pipeline call and a Report into a message."""

"""Telegram front end: conversations, keyboards, webhook and the Telegram notifier."""

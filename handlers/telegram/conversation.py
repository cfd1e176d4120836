"""A ConversationHandler tracked per chat and user, buttons included."""

from __future__ import annotations

import warnings
from typing import Any

from telegram.ext import ConversationHandler
from telegram.warnings import PTBUserWarning


def conversation(**options: Any) -> ConversationHandler:
    """PTB warns that buttons are not tracked per message; per chat and user is what we want."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(**options)

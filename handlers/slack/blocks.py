"""Small Block Kit builders shared by the modals and the card."""

from __future__ import annotations

from typing import Any

from handlers.slack.ids import Action

Block = dict[str, Any]


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:150] or " ", "emoji": True}


def markdown(text: str) -> dict[str, Any]:
    """Already-escaped mrkdwn (see render.escape)."""
    return {"type": "mrkdwn", "text": text[:3000]}


def text_input(block_id: str, label: str, value: str = "", *, multiline: bool = False,
               optional: bool = False, hint: str = "", max_length: int = 3000) -> Block:
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": Action.VALUE,
                               "multiline": multiline, "max_length": max_length}
    if value:
        element["initial_value"] = value
    return _input(block_id, label, element, optional, hint)


def select(block_id: str, label: str, options: list[tuple[str, str]], chosen: str) -> Block:
    choices = [{"text": plain(text), "value": value} for value, text in options]
    initial = next((c for c in choices if c["value"] == chosen), choices[0])
    return _input(block_id, label, {"type": "static_select", "action_id": Action.VALUE,
                                    "options": choices, "initial_option": initial}, False, "")


def picker(block_id: str, label: str, kind: str, value: str | None) -> Block:
    element: dict[str, Any] = {"type": kind, "action_id": Action.VALUE}
    if value:
        element["initial_date" if kind == "datepicker" else "initial_time"] = value
    return _input(block_id, label, element, False, "")


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool,
           hint: str) -> Block:
    block: Block = {"type": "input", "block_id": block_id, "label": plain(label),
                    "element": element, "optional": optional}
    if hint:
        block["hint"] = plain(hint)
    return block


def button(text: str, action_id: str, value: str = "", style: str | None = None,
           confirm: dict[str, Any] | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": plain(text), "action_id": action_id,
                               "value": value or action_id}
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def modal(callback_id: str, title: str, blocks: list[Block], metadata: str,
          submit: str, close: str) -> dict[str, Any]:
    """A modal; Slack allows 24 characters of title and 100 blocks."""
    return {"type": "modal", "callback_id": callback_id, "title": plain(title[:24]),
            "submit": plain(submit[:24]), "close": plain(close[:24]), "blocks": blocks[:100],
            "private_metadata": metadata}


def values(view: dict[str, Any]) -> dict[str, Any]:
    """The submitted value of every input block, by block id."""
    found: dict[str, Any] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        state = actions.get(Action.VALUE, {})
        found[block_id] = _value(state)
    return found


def _value(state: dict[str, Any]) -> Any:
    for key in ("value", "selected_date", "selected_time", "selected_users", "files"):
        if key in state:
            return state[key]
    if "selected_option" in state:
        return (state["selected_option"] or {}).get("value")
    if "selected_options" in state:
        return [o["value"] for o in state["selected_options"]]
    return None

"""Front-end state that must outlive a restart (half-finished chat conversations)."""

from __future__ import annotations

from typing import Any

from bot.services import Context


async def load_state(ctx: Context, namespace: str) -> dict[str, Any]:
    """Every stored value of one namespace, by key."""
    async with ctx.uow() as uow:
        return await uow.chat_state.get_all(namespace)


async def save_state(ctx: Context, namespace: str, key: str, value: Any) -> None:
    """Store a JSON-serialisable value; None deletes it."""
    async with ctx.uow() as uow:
        if value is None:
            await uow.chat_state.delete(namespace, key)
        else:
            await uow.chat_state.put(namespace, key, value, ctx.clock.now())
        await uow.commit()

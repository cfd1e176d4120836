"""Front-end state that must outlive a restart (half-finished chat conversations)."""

from __future__ import annotations

from typing import Any

from bot.services import Context


async def load_state(ctx: Context, namespace: str) -> dict[str, Any]:
    """Every stored value of one namespace, by key."""
    async with ctx.uow() as uow:
        return await uow.chat_state.get_all(namespace)


async def load_value(ctx: Context, namespace: str, key: str) -> Any:
    """One stored value, or None."""
    async with ctx.uow(read_only=True) as uow:
        return await uow.chat_state.get(namespace, key)


async def load_prefixed(ctx: Context, prefix: str, key: str) -> dict[str, Any]:
    """The value stored under `key` in every namespace that starts with `prefix`."""
    async with ctx.uow(read_only=True) as uow:
        return await uow.chat_state.get_in_namespaces(prefix, key)


async def save_state(ctx: Context, namespace: str, key: str, value: Any) -> None:
    """Store a JSON-serialisable value; None deletes it."""
    async with ctx.uow() as uow:
        if value is None:
            await uow.chat_state.delete(namespace, key)
        else:
            await uow.chat_state.put(namespace, key, value, ctx.clock.now())
        await uow.commit()

"""`ospite serve | worker | migrate | guest`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator

from bot import logs
from bot.config import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ospite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the chat endpoints and guest pages")
    serve.add_argument("--host", default=os.environ.get("HOST", "0.0.0.0"))  # noqa: S104
    serve.add_argument("--port", type=int, default=None)
    commands.add_parser("worker", help="deliver emails and chat messages from the outbox")
    commands.add_parser("migrate", help="bring the database schema up to date")
    guest = commands.add_parser("guest", help="a guest's personal data: export or erase it")
    guest.add_argument("action", choices=("export", "forget"))
    guest.add_argument("address", metavar="ADDRESS")
    guest.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        logs.configure(settings)  # after the settings: it needs their secrets to redact them
    except SettingsError as exc:
        print(f"ospite: {exc}", file=sys.stderr)
        return 2
    from bot.app import NotMigrated

    try:
        if args.command == "migrate":
            asyncio.run(_migrate(settings))
        elif args.command == "worker":
            asyncio.run(_work(settings))
        elif args.command == "guest":
            return _guest(settings, args)
        else:
            _serve(settings, args.host, args.port or settings.PORT)
    except NotMigrated as exc:
        print(f"ospite: {exc}", file=sys.stderr)
        return 1
    return 0


async def _migrate(settings: object) -> None:
    from bot.app import build_runtime
    from storage.migrate import upgrade

    runtime = build_runtime(settings)  # type: ignore[arg-type]
    await upgrade(runtime.engine)
    await runtime.engine.dispose()
    logging.getLogger("ospite").info("database is up to date (%s)",
                                     runtime.settings.database_url.split("@")[-1])


def _guest(settings: object, args: argparse.Namespace) -> int:
    from bot.guest_cli import run

    return run(settings, args.action, args.address, args.yes)  # type: ignore[arg-type]


def _serve(settings: object, host: str, port: int) -> None:
    asyncio.run(_serve_async(settings, host, port))


async def _serve_async(settings: object, host: str, port: int) -> None:
    """Check the schema and serve on one event loop: pooled connections belong to their loop."""
    import uvicorn

    from bot.app import build_runtime, create_app, ensure_migrated

    runtime = build_runtime(settings)  # type: ignore[arg-type]
    try:
        await ensure_migrated(runtime)
    except BaseException:
        await runtime.engine.dispose()
        raise
    # log_config=None: uvicorn's loggers (access log included) use our redacting handler.
    config = uvicorn.Config(create_app(runtime=runtime), host=host, port=port,
                            log_level="info", log_config=None)
    await _server_class()(config).serve()


def _server_class() -> type:
    import uvicorn

    class Server(uvicorn.Server):
        """Shuts down on SIGTERM / SIGINT and exits 0, as a supervisor expects.

        uvicorn re-raises the signal after its graceful shutdown, which makes a clean stop
        look like a crash (exit status -15).
        """

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.handle_exit, sig, None)
            try:
                yield
            finally:
                for sig in (signal.SIGINT, signal.SIGTERM):
                    loop.remove_signal_handler(sig)

    return Server


async def _work(settings: object) -> None:
    from bot.app import build_runtime, create_worker, ensure_migrated, report_front_ends

    runtime = build_runtime(settings)  # type: ignore[arg-type]
    await ensure_migrated(runtime)
    report_front_ends(runtime.settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    logging.getLogger("ospite").info("worker started")
    tasks = [create_worker(runtime).run(stop), *(task(stop) for task in runtime.worker_tasks)]
    await asyncio.gather(*tasks)
    await runtime.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())

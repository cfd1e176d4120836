"""Compiles the gettext catalogs (.po → .mo) whenever the package is built or installed."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        # An editable install reads the package from the source tree, so compile there.
        target = Path("." if self.editable_mode else self.build_lib)
        for source in Path("bot/locale").glob("*/LC_MESSAGES/*.po"):
            with source.open("rb") as file:
                catalog = read_po(file, locale=source.parts[-3])
            compiled = target / source.with_suffix(".mo")
            compiled.parent.mkdir(parents=True, exist_ok=True)
            with compiled.open("wb") as file:
                write_mo(file, catalog)


setup(cmdclass={"build_py": BuildWithCatalogs})

"""The `roster` command. Each command family lives in its own module; none imports Textual at
module level, so scripts start fast and never need a terminal."""

from __future__ import annotations

import importlib

import click

from roster import __version__

from .interrupt import InterruptibleGroup

COMMAND_MODULES = (
    "roster.cli.check",
    "roster.cli.data",
    "roster.cli.demo",
    "roster.cli.live",
    "roster.cli.nights",
    "roster.cli.report",
    "roster.cli.rota",
    "roster.cli.scripting",
    "roster.cli.solve",
    "roster.cli.tui",
)
"""Modules exposing `commands`, a list of click commands to add."""


@click.group(cls=InterruptibleGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="roster")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """carer-roster: build, show and adjust a home-care provider's weekly rota."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).commands:
        cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli()

"""Printing: JSON on stdout when asked (and nothing else), rich text otherwise.

Progress bars and messages go to stderr so `--json` output can be piped as it is.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from watchline.errors import WatchlineError

console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, soft_wrap=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def emit(data: Any, as_json: bool, render: Callable[[], None]) -> None:
    if as_json:
        print_json(data)
    else:
        render()


@contextmanager
def handle_errors(as_json: bool = False) -> Iterator[None]:
    """Turn a WatchlineError into one line (or a JSON object) and exit code 2."""
    try:
        yield
    except WatchlineError as exc:
        if as_json:
            print_json(exc.to_dict())
        else:
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True)
        raise typer.Exit(2) from None


def progress_bar(description: str, total: int | None = None) -> Progress:
    """A stderr progress bar; silent when stderr is not a terminal and CI logs would clutter."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,
    )

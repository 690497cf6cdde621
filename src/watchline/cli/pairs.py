"""`watchline score-pairs`: score FtM entity pairs from a JSON-lines file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from watchline.cli.output import emit, err_console, handle_errors
from watchline.errors import InputError
from watchline.lists.base import iter_text_lines
from watchline.match import get_algorithm
from watchline.services.pairs import score_pairs


def score_pairs_command(
    pairs: Annotated[Path, typer.Argument(help='JSON lines: {"a": entity, "b": entity}.')],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")
    ] = None,
    algorithm: Annotated[str | None, typer.Option("--algorithm")] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first bad line (exit 2).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Score each pair; one output line per input line, in order. Bad lines get an error
    object in their place and the command exits 1 (or stops at once with --strict)."""
    with handle_errors(as_json):
        algo = get_algorithm(algorithm)
        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        scored = errors = matches = 0
        try:
            for record in score_pairs(algo, iter_text_lines(pairs)):
                if "error" in record:
                    errors += 1
                    if strict:
                        raise InputError(
                            record["error"], location=f"{pairs}, line {record['line']}"
                        )
                    err_console.print(f"{pairs}, line {record['line']}: {record['error']}")
                else:
                    scored += 1
                    matches += record["match"]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        finally:
            if output:
                out.close()
        if output:
            summary = {
                "scored": scored,
                "matches": matches,
                "errors": errors,
                "algorithm": algo.name,
                "output": str(output),
            }
            emit(
                summary,
                as_json,
                lambda: err_console.print(
                    f"scored {scored} pairs ({matches} matches, {errors} bad lines) -> {output}"
                ),
            )
        if errors:
            raise typer.Exit(1)

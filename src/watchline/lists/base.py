"""What every reader shares: the entity stream contract and small helpers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from watchline.errors import InputError


def open_text(path: Path) -> io.TextIOWrapper:
    """Open a UTF-8 text file strictly, so a wrong encoding fails with the file's name."""
    try:
        return open(path, encoding="utf-8", errors="strict", newline="")
    except FileNotFoundError as exc:
        raise InputError.at("file not found", path=path) from exc
    except IsADirectoryError as exc:
        raise InputError.at("expected a file, found a directory", path=path) from exc


def iter_csv_rows(path: Path, *, skip_blank: bool = True) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for a CSV file, turning decode errors into InputError.

    The line number is that of the first physical line of the record, so a quoted field
    spanning lines still points at where the record starts.
    """
    with open_text(path) as handle:
        reader = csv.reader(handle)
        line = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise InputError.at(
                    f"not valid UTF-8 ({exc.reason} at byte {exc.start}); "
                    "convert the file to UTF-8",
                    path=path,
                    line=reader.line_num or line,
                ) from exc
            except csv.Error as exc:
                raise InputError.at(f"malformed CSV: {exc}", path=path, line=reader.line_num) from exc
            start, line = line, reader.line_num + 1
            if skip_blank and (not row or all(not f.strip() or f == "\x1a" for f in row)):
                continue
            yield start, row

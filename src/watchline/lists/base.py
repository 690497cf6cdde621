"""What every reader shares: strict UTF-8 decoding with line numbers, CSV rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from watchline.errors import InputError


def open_binary(path: Path) -> BinaryIO:
    """Open for reading, turning the common OS errors into an InputError naming the file."""
    if path.is_dir():
        raise InputError.at("expected a file, found a directory", path=path)
    try:
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise InputError.at("file not found", path=path) from exc


def iter_text_lines(path: Path) -> Iterator[str]:
    """Decode a file line by line, so a bad byte is reported on its own line.

    Decoding the whole file through a text wrapper reports errors at a byte offset in
    a read-ahead chunk; per-line decoding names the line a person can open and fix.
    Splitting on b"\\n" before decoding is safe for UTF-8 (no multi-byte sequence holds it).
    """
    with open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError.at(
                    f"not valid UTF-8 ({exc.reason} at column {exc.start + 1}); "
                    "convert the file to UTF-8",
                    path=path,
                    line=number,
                ) from exc


def iter_csv_rows(path: Path, *, skip_blank: bool = True) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for a CSV file.

    The line number is that of the first physical line of the record, so a quoted field
    spanning lines still points at where the record starts.
    """
    reader = csv.reader(iter_text_lines(path))
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError.at(f"malformed CSV: {exc}", path=path, line=reader.line_num) from exc
        start, line = line, reader.line_num + 1
        if skip_blank and (not row or all(not f.strip() or f == "\x1a" for f in row)):
            continue
        yield start, row


def iter_json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield (line number, parsed JSON value) for each non-blank line of a JSON-lines file.

    A missing final newline is fine (OpenSanctions delta files end that way) and so is an
    empty file; a byte-order mark is dropped (see `iter_text_lines`).
    """
    for number, text in enumerate(iter_text_lines(path), 1):
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError.at(
                f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=number
            ) from exc
        yield number, value


def iter_csv_records(
    path: Path, *, required: tuple[str, ...] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, {lower-case column: stripped value}) for a CSV file with a header.

    An empty file, a missing `required` column or a row whose field count differs from
    the header's is an InputError naming the file and line.
    """
    rows = iter_csv_rows(path)
    first = next(rows, None)
    if first is None:
        raise InputError.at("empty file: expected a header row", path=path, line=1)
    header_line, header = first
    columns = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError.at(f"missing column(s): {', '.join(missing)}", path=path, line=header_line)
    for line, row in rows:
        if len(row) != len(columns):
            raise InputError.at(
                f"expected {len(columns)} fields, found {len(row)}", path=path, line=line
            )
        yield line, {c: v.strip() for c, v in zip(columns, row, strict=True)}

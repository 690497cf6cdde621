"""Command-line interface: thin Typer commands over `watchline.services`."""

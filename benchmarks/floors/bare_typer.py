"""Floors F1, F2 and F1+rf: a bare typer app (the same typer as lawbase) that runs one command and
prints a line; `hello --load MODULE` also imports MODULE inside the command (F2: networkx, F1+rf:
rapidfuzz), as lawbase's commands import their heavy modules."""

import importlib

import typer  # noqa: TID253 - the floor is a bare typer app

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world", load: str = "") -> None:
    if load:
        importlib.import_module(load)
    print(f"hello {name}")


@app.command()
def other() -> None:
    print("other")


if __name__ == "__main__":
    app()

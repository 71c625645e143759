"""Floor F1: a bare typer app (the same typer as lawbase) that runs one command and prints a line."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


@app.command()
def other() -> None:
    print("other")


if __name__ == "__main__":
    app()

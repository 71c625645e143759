"""Floor F2: F1 plus `import networkx` inside the command."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    import networkx  # noqa: F401

    print(f"hello {name}")


@app.command()
def other() -> None:
    print("other")


if __name__ == "__main__":
    app()

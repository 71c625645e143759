"""Where the shipped corpus lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA = "LAWBASE_DATA"


def default_data_dir() -> Path:
    """The corpus that ships with lawbase (lawbase/data in a wheel, ./data in a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "schema").is_dir():
            return candidate
    return here / "data"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The corpus to use: --data, else $LAWBASE_DATA, else the shipped one."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_DATA)
    return Path(env) if env else default_data_dir()

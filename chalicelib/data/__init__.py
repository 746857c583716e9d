"""The bureau's data files: the Standar Pelayanan, the message catalogues (problems, rule
messages) and the SKM questionnaire. Read on first use by the module that owns each."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_json(name: str) -> Any:
    """The parsed content of the UTF-8 JSON file `name` (e.g. `problems.json`) of this
    package. Raises FileNotFoundError for an unknown name, ValueError for bad JSON."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))

"""The README's first screen (issue 17 point 7): the service starts with a plain `make run`
(127.0.0.1:8000 by default, PORT= only to choose another port), and it says how to get an
account for the console (`make user`) before anything else."""

from __future__ import annotations

from tests.conftest import ROOT


def test_the_first_screen_starts_the_service_and_says_how_to_sign_in() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    first_block = lines[lines.index("```sh") + 1]
    assert first_block.startswith("make run "), first_block
    assert "127.0.0.1:8000" in first_block and "PORT=" in first_block  # the default, optional
    first_screen = "\n".join(lines[:45])
    assert "make user USERNAME=" in first_screen and "/staff/" in first_screen

"""Language tests: the `parser` mark flags tests that load the spaCy pipeline (a pinned dependency, so they run in CI)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "parser: loads the spaCy en_core_web_sm pipeline (seconds to load, ~15 MB)")

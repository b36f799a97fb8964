"""End-to-end tests are marked `e2e` (real model, real audio); shared fixtures live in tests/conftest.py."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)

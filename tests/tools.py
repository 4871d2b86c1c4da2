"""External tools the tests drive: skip cleanly when absent, fail when CI says they must be there."""

import os
import shutil

import pytest


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        if os.environ.get("LAWKIT_REQUIRE_TOOLS"):
            pytest.fail(f"required tool(s) missing: {', '.join(missing)} (.ci/run installs them)")
        pytest.skip(f"needs {', '.join(missing)}")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    need("chromium")
    return "chromium"

"""Where the shared benchmark data lives (``../shared/data`` beside the repository).

Tests that read it call ``shared_data(...)``, which skips the test with a clear reason when the
folder is absent (CI clones the repository with ``../shared`` beside it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A path under the shared data folder; skips the calling test if it is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (clone ../shared beside the repository)")
    return path

"""The suite's own rules: what CI may not skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import need_shared


def test_missing_shared_data_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        need_shared(tmp_path / "absent")


def test_missing_shared_data_skips_in_a_users_clone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="absent"):
        need_shared(tmp_path / "absent")
    assert need_shared(tmp_path) == tmp_path

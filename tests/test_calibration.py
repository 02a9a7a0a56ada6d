"""Tests for calibrated thresholds and their overrides."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields

import pytest

from claimcheck.calibration import DEFAULT, Thresholds
from claimcheck.errors import ClaimcheckError


def test_defaults_are_numbers_in_sensible_ranges() -> None:
    for f in fields(Thresholds):
        value = getattr(DEFAULT, f.name)
        assert isinstance(value, (int, float)) and not isinstance(value, bool), f.name
        assert value > 0, f.name
    # Weights, similarities and coverages are fractions.
    for name in (
        "fusion_embedding_weight",
        "align_similarity",
        "align_coverage",
        "contradict_coverage",
        "swap_coverage",
        "swap_similarity",
        "support_similarity_weight",
        "support",
        "support_min_coverage",
        "support_min_similarity",
    ):
        assert 0 < getattr(DEFAULT, name) <= 1, name


def test_thresholds_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        DEFAULT.support = 0.1  # type: ignore[misc]


def test_overrides_are_applied_and_the_original_is_untouched() -> None:
    changed = DEFAULT.with_overrides({"support": 0.8, "candidates": 12, "align_similarity": 1})
    assert changed.support == 0.8
    assert changed.candidates == 12 and isinstance(changed.candidates, int)
    assert changed.align_similarity == 1.0 and isinstance(changed.align_similarity, float)
    assert changed.swap_coverage == DEFAULT.swap_coverage
    assert Thresholds() == DEFAULT
    assert DEFAULT.support != 0.8


def test_hyphenated_names_as_in_toml() -> None:
    changed = DEFAULT.with_overrides({"support-min-coverage": 0.3})
    assert changed.support_min_coverage == 0.3


def test_no_overrides_is_equal_to_the_original() -> None:
    assert DEFAULT.with_overrides({}) == DEFAULT


def test_candidates_becomes_a_whole_number() -> None:
    assert DEFAULT.with_overrides({"candidates": 10.0}).candidates == 10
    assert isinstance(DEFAULT.with_overrides({"candidates": 10.0}).candidates, int)


def test_unknown_name_is_an_error_naming_the_origin() -> None:
    with pytest.raises(ClaimcheckError) as info:
        DEFAULT.with_overrides({"suport": 0.7}, origin="/x/.claimcheck.toml")
    assert "suport" in info.value.message
    assert "support" in info.value.message  # the known names are listed
    assert info.value.file == "/x/.claimcheck.toml"


@pytest.mark.parametrize("value", ["0.7", None, True, [0.7], {"a": 1}])
def test_non_number_is_an_error(value: object) -> None:
    with pytest.raises(ClaimcheckError) as info:
        DEFAULT.with_overrides({"support": value}, origin="cfg.toml")
    assert "support" in info.value.message
    assert info.value.file == "cfg.toml"


def test_nan_is_not_a_number() -> None:
    with pytest.raises(ClaimcheckError):
        DEFAULT.with_overrides({"support": float("nan")})

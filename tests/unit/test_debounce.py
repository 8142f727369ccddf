"""A code held in front of the camera counts once."""

from __future__ import annotations

import pytest

from carma_logistiek.scanning.debounce import SeenCodes


def test_held_code_counts_once() -> None:
    seen = SeenCodes(absent_frames=3)
    assert seen.update({"A"}) == {"A"}
    for _ in range(20):
        assert seen.update({"A"}) == set()


def test_short_dropouts_do_not_count_as_leaving() -> None:
    seen = SeenCodes(absent_frames=3)
    seen.update({"A"})
    assert seen.update(set()) == set()
    assert seen.update(set()) == set()
    assert seen.update({"A"}) == set()  # missed for 2 frames: still the same scan


def test_counts_again_after_leaving_the_view() -> None:
    seen = SeenCodes(absent_frames=3)
    seen.update({"A"})
    for _ in range(3):
        seen.update(set())
    assert "A" not in seen
    assert seen.update({"A"}) == {"A"}


def test_several_codes_and_new_ones() -> None:
    seen = SeenCodes(absent_frames=2)
    assert seen.update({"A", "B"}) == {"A", "B"}
    assert seen.update({"A", "C"}) == {"C"}
    assert seen.update({"A"}) == set()  # B now gone 2 frames
    assert seen.update({"A", "B"}) == {"B"}


def test_forget_is_the_plus_key() -> None:
    seen = SeenCodes()
    seen.update({"A"})
    seen.forget("A")
    assert seen.update({"A"}) == {"A"}
    seen.forget("never-seen")  # harmless
    seen.clear()
    assert seen.update({"A"}) == {"A"}


def test_absent_frames_must_be_positive() -> None:
    with pytest.raises(ValueError):
        SeenCodes(absent_frames=0)


def test_in_view_is_what_has_not_been_gone_long_enough_and_not_forgotten() -> None:
    seen = SeenCodes(absent_frames=2)
    seen.update({"A", "B"})
    seen.update({"A"})
    assert seen.in_view() == {"A", "B"}  # B missed one frame: still held
    seen.update({"A"})
    assert seen.in_view() == {"A"}  # B gone for two
    seen.forget("A")
    assert seen.in_view() == frozenset()

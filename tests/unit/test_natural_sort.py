"""Lists sort as people read them: numbers as numbers, case and accents ignored."""

from carma_logistiek.domain.text import natural_key


def test_numbers_inside_names_sort_by_value() -> None:
    names = ["Voertuig 10", "voertuig 2", "Voertuig 11", "voertuig 1"]
    assert sorted(names, key=natural_key) == [
        "voertuig 1",
        "voertuig 2",
        "Voertuig 10",
        "Voertuig 11",
    ]


def test_codes_with_leading_zeros_and_case() -> None:
    codes = ["VITO-10", "vito-09", "VITO-9b", "VITO-1"]
    assert sorted(codes, key=natural_key) == ["VITO-1", "vito-09", "VITO-9b", "VITO-10"]


def test_accents_and_case_are_ignored_and_a_prefix_comes_first() -> None:
    assert sorted(["Zutendaal", "émile 2", "Emile", "as"], key=natural_key) == [
        "as",
        "Emile",
        "émile 2",
        "Zutendaal",
    ]


def test_mixed_number_and_text_at_the_same_place_never_raises() -> None:
    # "10" and "a" start differently: a number part sorts before a text part.
    assert sorted(["a", "10", "", "2"], key=natural_key) == ["", "2", "10", "a"]

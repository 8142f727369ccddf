"""Column fitting: long-text columns share the width, shrinking or growing with the table."""

from ui.widgets.table_view import fit_to_width


def test_columns_shrink_in_proportion_but_not_below_the_floor() -> None:
    assert fit_to_width([400, 200], 300) == [200, 100]
    assert fit_to_width([400, 100], 200) == [160, 90]


def test_columns_grow_to_fill_a_wide_table() -> None:
    assert fit_to_width([200, 100], 600) == [400, 200]
    assert fit_to_width([], 500) == []

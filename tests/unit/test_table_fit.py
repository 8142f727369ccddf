"""Column widths: the name column takes the free room and gives way first; the columns always
add up to the table's width when their floors allow it, so the last one stays in view."""

from ui.widgets.table_view import DRAGGED, SHORT, STRETCH, Want, share_width


def test_the_stretch_column_takes_the_free_room() -> None:
    wants = [
        Want(80, 80, rank=SHORT),
        Want(300, 160, stretch=True, rank=STRETCH),
        Want(90, 90, rank=SHORT),
    ]
    assert share_width(wants, 1000) == [80, 830, 90]


def test_too_little_room_long_texts_go_to_a_comfortable_width_then_the_name_gives_way() -> None:
    wants = [
        Want(100, 70),
        Want(400, 160, stretch=True, rank=STRETCH),
        Want(200, 70),
        Want(90, 90, rank=SHORT),
    ]
    # 790 wanted in 600: the long place name goes to 130 (70), then the name gives 120.
    assert share_width(wants, 600) == [100, 280, 130, 90]
    # 790 in 400: then the name to its floor, then the long texts towards theirs.
    widths = share_width(wants, 400)
    assert widths[1] == 160 and widths[3] == 90 and sum(widths) == 400
    assert widths[0] >= 70 and widths[2] >= 70


def test_a_dragged_column_gives_way_last_and_status_stays_in_view() -> None:
    # The user widened "Locatie" to 700 on a 900 px table: the name and the other long text
    # give way to their floors, then the dragged column shrinks until Status fits.
    wants = [
        Want(150, 70),
        Want(400, 160, stretch=True, rank=STRETCH),
        Want(700, 70, rank=DRAGGED),
        Want(100, 100, rank=SHORT),
    ]
    widths = share_width(wants, 900)
    assert widths == [70, 160, 570, 100]
    assert sum(widths) == 900


def test_short_columns_give_way_to_their_data_before_the_name() -> None:
    # "Eerste vervaldatum" wants 140 for its header, its dates need 85.
    wants = [Want(200, 70), Want(300, 160, stretch=True, rank=STRETCH), Want(140, 85, rank=SHORT)]
    # The code to 130, the dates' column to its dates (its header is cut), then the name.
    assert share_width(wants, 500) == [130, 285, 85]
    assert share_width(wants, 315) == [70, 160, 85]
    assert share_width(wants, 200) == [70, 160, 85]  # floors reached: a scroll bar then
    assert share_width([], 400) == []


def test_headers_stay_whole_while_the_name_column_has_room_for_most_names() -> None:
    wants = [Want(130, 60), Want(420, 140, stretch=True, rank=STRETCH), Want(157, 87, rank=SHORT)]
    assert share_width(wants, 650) == [130, 363, 157]  # the name gives, the header stays
    assert share_width(wants, 560) == [130, 320, 110]  # below 320 the header is cut first

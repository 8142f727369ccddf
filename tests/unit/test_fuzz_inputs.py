"""Property-based: whatever bytes or text come in from a file, a scanner or a keyboard, the
parsers answer with a value or with the domain's own error, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.text import check_request
from carma_logistiek.services.booking_import import CSV_COLUMNS, _int, parse_date, read_booking_csv
from carma_logistiek.services.results import Recipient

FOLDER = Path(tempfile.mkdtemp(prefix="carma-fuzz-"))

cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
separators = st.sampled_from([",", ";", "\t"])


@given(st.binary(max_size=2000))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_any_bytes_as_a_booking_file_give_rows_or_a_sentence(data: bytes) -> None:
    path = FOLDER / "fuzz.csv"
    path.write_bytes(data)
    try:
        rows = list(read_booking_csv(path))
    except DomainError as error:
        assert error.message()
        return
    assert all(line >= 2 for line, _row in rows)


@given(st.lists(st.lists(cells, min_size=1, max_size=13), max_size=8), separators,
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_any_table_under_the_right_header_reads_without_a_traceback(
        rows: list[list[str]], separator: str, encoding: str) -> None:
    text = "\r\n".join(separator.join(row) for row in [list(CSV_COLUMNS), *rows])
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # not representable in cp1252: Excel would not have written it either
    path = FOLDER / "table.csv"
    path.write_bytes(data)
    try:
        for _line, row in read_booking_csv(path):
            assert row.key
    except DomainError as error:
        assert error.message()


@given(st.text(max_size=40))
def test_dates_quantities_and_recipients_parse_or_refuse(text: str) -> None:
    for parse in (parse_date, _int):
        try:
            parse(text)
        except DomainError as error:
            assert error.message()
    recipient = Recipient.parse(text)
    assert recipient is None or recipient.kind in Recipient.KINDS


@given(st.dictionaries(st.sampled_from(["lot_number", "note", "product_code", "name", "x"]),
                       st.one_of(st.text(max_size=600), st.lists(st.text(max_size=50)))))
def test_the_text_rules_refuse_with_a_sentence_or_accept(arguments: dict[str, object]) -> None:
    try:
        check_request("stock.record_delivery", arguments)
    except DomainError as error:
        assert error.message()

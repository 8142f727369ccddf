"""The staff register's rules: staff numbers, kinds and states in the words HR uses, and the
dated history of states (periods never overlap; a new state closes the running one)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carma_logistiek.domain import people as rules
from carma_logistiek.domain.people import StaffKind, StaffStateKind, StatePeriod
from carma_logistiek.domain.recipients import InvalidStaffNumber

IN, NAPA, LEFT = StaffStateKind.IN_SERVICE, StaffStateKind.NAPA, StaffStateKind.LEFT


def test_a_staff_number_keeps_its_leading_zeros() -> None:
    assert rules.clean_staff_number(" 01209 ") == "01209"
    assert rules.clean_staff_number("01209") != rules.clean_staff_number("1209")


@pytest.mark.parametrize("number", ["", "12a", "01 209", "staff:01209", "-1"])
def test_a_staff_number_is_digits_only(number: str) -> None:
    with pytest.raises(InvalidStaffNumber):
        rules.clean_staff_number(number)


def test_a_staff_number_fits_its_column() -> None:
    with pytest.raises(rules.StaffNumberTooLong):
        rules.clean_staff_number("1" * 17)


@pytest.mark.parametrize(("word", "kind"), [
    ("operationeel", StaffKind.OPERATIONAL), ("OPS", StaffKind.OPERATIONAL),
    ("CALog", StaffKind.CALOG), ("ca-log", StaffKind.CALOG), ("opérationnel",
                                                                StaffKind.OPERATIONAL)])
def test_kinds_in_hr_words(word: str, kind: StaffKind) -> None:
    assert rules.staff_kind(word) is kind


def test_an_unknown_kind_is_a_sentence() -> None:
    with pytest.raises(rules.InvalidStaffKind) as refused:
        rules.staff_kind("stagiair")
    assert "operationeel of CALog" in refused.value.message()


@pytest.mark.parametrize(("word", "state"), [
    ("in dienst", IN), ("In_Dienst", IN), ("NAPA", NAPA), ("uit dienst", LEFT),
    ("gepensioneerd", LEFT), ("Loopbaanonderbreking", StaffStateKind.CAREER_BREAK),
    ("langdurig afwezig", StaffStateKind.LONG_ABSENCE)])
def test_states_in_hr_words(word: str, state: StaffStateKind) -> None:
    assert rules.staff_state(word) is state


def test_an_unknown_state_is_refused() -> None:
    with pytest.raises(rules.InvalidStaffState):
        rules.staff_state("met vakantie")


def test_e_mail_is_checked_and_kept_in_lower_case() -> None:
    assert rules.clean_staff_email(" Jan.Peeters@Carma.example ") == "jan.peeters@carma.example"
    assert rules.clean_staff_email("") == ""
    with pytest.raises(Exception) as refused:
        rules.clean_staff_email("jan.peeters")
    assert "e-mailadres" in str(refused.value)


def test_names_are_required() -> None:
    with pytest.raises(rules.FirstNameRequired):
        rules.clean_person_name("  ", first=True)
    with pytest.raises(rules.LastNameRequired):
        rules.clean_person_name("", first=False)
    assert rules.clean_person_name("  Van den   Broeck ", first=False) == "Van den Broeck"


def test_the_state_on_a_day() -> None:
    periods = [StatePeriod(IN, date(2020, 1, 1), date(2025, 12, 31)),
               StatePeriod(NAPA, date(2026, 1, 1))]
    assert rules.state_on(periods, date(2019, 12, 31)) is None
    assert rules.state_on(periods, date(2025, 12, 31)) is IN
    assert rules.state_on(periods, date(2026, 1, 1)) is NAPA
    assert rules.state_on(periods, date(2040, 1, 1)) is NAPA


def test_a_new_state_closes_the_running_one_the_day_before() -> None:
    running = StatePeriod(IN, date(2020, 1, 1))
    plan = rules.plan_new_state([running], "uit_dienst", date(2026, 7, 1), name="Jan")
    assert plan.closes is running
    assert plan.closed_on == date(2026, 6, 30)
    assert plan.new == StatePeriod(LEFT, date(2026, 7, 1))


def test_a_state_may_not_overlap_a_closed_period() -> None:
    periods = [StatePeriod(IN, date(2020, 1, 1), date(2025, 12, 31)),
               StatePeriod(NAPA, date(2026, 1, 1))]
    with pytest.raises(rules.StatePeriodsOverlap) as refused:
        rules.plan_new_state(periods, "uit_dienst", date(2025, 6, 1), name="Jan Peeters")
    assert "31/12/2025" in refused.value.message()


def test_a_state_may_not_start_before_the_running_one() -> None:
    with pytest.raises(rules.StateOverlapsRunning):
        rules.plan_new_state([StatePeriod(IN, date(2020, 1, 1))], "napa", date(2020, 1, 1),
                             name="Jan")


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(rules.StatePeriodBackwards):
        rules.plan_new_state([], "napa", date(2026, 2, 1), date(2026, 1, 1), name="Jan")


@given(st.lists(st.tuples(st.dates(date(2000, 1, 1), date(2040, 1, 1)),
                          st.sampled_from(list(StaffStateKind))), max_size=8))
def test_a_history_built_by_its_rules_never_overlaps(steps: list[tuple[date, StaffStateKind]]
                                                     ) -> None:
    periods: list[StatePeriod] = []
    for starts_on, state in steps:
        try:
            plan = rules.plan_new_state(periods, state, starts_on, name="x")
        except rules.DomainError:
            continue
        if plan.closes is not None:
            periods[periods.index(plan.closes)] = StatePeriod(
                plan.closes.state, plan.closes.starts_on, plan.closed_on)
        periods.append(plan.new)
    for index, period in enumerate(periods):
        assert all(not period.overlaps(other) for other in periods[index + 1:])

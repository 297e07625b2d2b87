from decimal import Decimal

import pytest

from bot.rules.amounts import AmountProblem, format_amount, format_count, format_percent, parse_amount

MIN, MAX = Decimal(100), Decimal(10000)


@pytest.mark.parametrize(
    "text, value",
    [
        ("1.200 €", "1200"),
        ("1 200 euros", "1200"),
        ("1\u00a0200\u00a0€", "1200"),
        ("900e", "900"),
        ("€1,200", "1200"),
        ("1,200.50", "1200.50"),
        ("1.200,50 €", "1200.50"),
        ("1200,5", "1200.5"),
        ("١٢٠٠", "1200"),
        ("٩٠٠ يورو", "900"),
        ("۱۲۰۰", "1200"),
        ("my rent is 950 per month", "950"),
        ("environ 1 400 €", "1400"),
        ("100", "100"),
        ("10000", "10000"),
    ],
)
def test_amounts_as_people_type_them(text, value):
    assert parse_amount(text, MIN, MAX).value == Decimal(value)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("neuf cents", AmountProblem.NO_NUMBER),
        ("", AmountProblem.NO_NUMBER),
        ("rent 1200, income 2000", AmountProblem.SEVERAL_NUMBERS),
        ("-500", AmountProblem.NEGATIVE),
        ("− 500 €", AmountProblem.NEGATIVE),
        ("0", AmountProblem.TOO_SMALL),
        ("99,99", AmountProblem.TOO_SMALL),
        ("10000,01", AmountProblem.TOO_LARGE),
        ("2 000 000", AmountProblem.TOO_LARGE),
    ],
)
def test_bad_amounts_name_their_problem(text, problem):
    parsed = parse_amount(text, MIN, MAX)
    assert (parsed.value, parsed.problem) == (None, problem)


def test_zero_is_accepted_when_the_minimum_is_zero():
    assert parse_amount("0", Decimal(0), MAX).value == 0


@pytest.mark.parametrize(
    "value, language, written",
    [
        ("1200", "fr", "1\u00a0200\u00a0€"),
        ("1234.5", "fr", "1\u00a0234,50\u00a0€"),
        ("1200", "en", "€1,200"),
        ("1234.5", "en", "€1,234.50"),
        ("1200", "ar", "1200 يورو"),
        ("999", "ar", "999 يورو"),
    ],
)
def test_amounts_are_written_the_way_each_language_writes_them(value, language, written):
    assert format_amount(Decimal(value), language) == written


@pytest.mark.parametrize(
    "share, language, written",
    [("0.5", "fr", "50\u00a0%"), ("0.384", "en", "38%"), ("0.4", "ar", "40%")],
)
def test_shares_are_written_as_percentages(share, language, written):
    assert format_percent(Decimal(share), language) == written


@pytest.mark.parametrize(
    "count, unit, language, written",
    [
        (2, "month", "fr", "2\u00a0mois"),
        (1, "day", "fr", "1\u00a0jour"),
        (30, "day", "fr", "30\u00a0jours"),
        (1, "month", "en", "1\u00a0month"),
        (2, "month", "en", "2\u00a0months"),
        (1, "month", "ar", "شهر واحد"),
        (2, "month", "ar", "شهرين"),
        (3, "month", "ar", "3 أشهر"),
        (10, "day", "ar", "10 أيام"),
        (11, "day", "ar", "11 يومًا"),
        (30, "day", "ar", "30 يومًا"),
        (99, "month", "ar", "99 شهرًا"),
        (100, "day", "ar", "100 يوم"),
        (103, "day", "ar", "103 أيام"),
        (0, "day", "ar", "0 يوم"),
    ],
)
def test_counts_agree_with_their_number(count, unit, language, written):
    assert format_count(count, unit, language) == written

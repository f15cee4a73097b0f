import pytest

from careline.identifiers import (
    base_product_number,
    failure_id_attempt_length,
    format_case_id,
    format_failure_id,
    luhn_check_digit,
    make_case_id,
    normalise_case_id,
    normalise_failure_id,
    normalise_pin,
    normalise_product_number,
    normalise_serial,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5CG3201ABC", "5CG3201ABC"),
        ("5cg3201abc", "5CG3201ABC"),
        ("5cg 3201 abc", "5CG3201ABC"),
        (" 5CG-3201-ABC ", "5CG3201ABC"),
        ("CND1234567", "CND1234567"),
        ("５ＣＧ３２０１ＡＢＣ", "5CG3201ABC"),  # full-width, from a Chinese keyboard
        ("5CG3201AB", None),  # 9 characters
        ("5CG3201ABCD", None),  # 11 characters
        ("ABCDEFGHIJ", None),  # no digit
        ("5CG3201AB#", None),
        ("5CG3201ABÉ", None),  # not ASCII
        ("", None),
    ],
)
def test_normalise_serial(raw: str, expected: str | None) -> None:
    assert normalise_serial(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8A3N7EA", "8A3N7EA"),
        ("2x3g5av#abh", "2X3G5AV#ABH"),
        ("2X3G5AV #ABH", "2X3G5AV#ABH"),
        ("5HB14A", "5HB14A"),
        ("4VW16A", "4VW16A"),
        ("A1B2C3EA", "A1B2C3EA"),  # 8 characters
        ("1D2E3", "1D2E3"),  # 5 characters
        ("1D2E", None),  # 4 characters
        ("A1B2C3EAX", None),  # 9 characters
        ("2X3G5AV#AB", None),  # option code too short
        ("2X3G5AV#ABHX", None),
        ("2X3G5AV#", None),
        ("PRINTER", None),  # no digit: a word, not a product number
        ("", None),
    ],
)
def test_normalise_product_number(raw: str, expected: str | None) -> None:
    assert normalise_product_number(raw) == expected


def test_base_product_number() -> None:
    assert base_product_number("2X3G5AV#ABH") == "2X3G5AV"
    assert base_product_number(" 8a3n7ea ") == "8A3N7EA"
    assert base_product_number("8a3n7ea#abh") == base_product_number("8A3N7EA")


@pytest.mark.parametrize(
    ("payload", "digit"),
    [("500000001", 7), ("7992739871", 3), ("0", 0), ("1", 8), ("18", 2)],
)
def test_luhn_check_digit(payload: str, digit: int) -> None:
    assert luhn_check_digit(payload) == digit


@pytest.mark.parametrize("payload", ["", "12a4", "１２３", "-1"])
def test_luhn_check_digit_rejects_non_digits(payload: str) -> None:
    with pytest.raises(ValueError, match="digits"):
        luhn_check_digit(payload)


def test_make_case_id() -> None:
    assert make_case_id(1) == "5000000017"
    assert make_case_id(0) == "5000000009"
    assert make_case_id(99_999_999)[:9] == "599999999"
    for sequence in (0, 1, 2, 42, 1234, 99_999_999):
        case_id = make_case_id(sequence)
        assert len(case_id) == 10
        assert normalise_case_id(case_id) == case_id


@pytest.mark.parametrize("sequence", [-1, 100_000_000, True])
def test_make_case_id_out_of_range(sequence: int) -> None:
    with pytest.raises(ValueError, match="range"):
        make_case_id(sequence)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5000000017", "5000000017"),
        ("50 0000 0017", "5000000017"),
        ("5000-000-017", "5000000017"),
        ("50.0000.0017", "5000000017"),
        ("5000000018", None),  # wrong check digit
        ("5000000071", None),  # swapped neighbours
        ("4000000017", None),  # must start with 5
        ("500000017", None),  # 9 digits
        ("50000000170", None),
        ("500000001A", None),
        ("", None),
    ],
)
def test_normalise_case_id(raw: str, expected: str | None) -> None:
    assert normalise_case_id(raw) == expected


def test_case_id_catches_every_single_digit_typo() -> None:
    case_id = make_case_id(31_415)
    for position in range(1, 10):
        for digit in "0123456789":
            if digit != case_id[position]:
                typo = case_id[:position] + digit + case_id[position + 1 :]
                assert normalise_case_id(typo) is None, typo


def test_format_case_id() -> None:
    assert format_case_id("5000000017") == "50 0000 0017"
    assert format_case_id("50-0000-0017") == "50 0000 0017"
    with pytest.raises(ValueError, match="case ID"):
        format_case_id("5000000018")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5", "7KQ92JMX4T8LP3VWZC6R1HQ5"),
        ("7kq9 2jmx 4t8l p3vw zc6r 1hq5", "7KQ92JMX4T8LP3VWZC6R1HQ5"),
        ("7KQ92JMX4T8LP3VWZC6R1HQ5", "7KQ92JMX4T8LP3VWZC6R1HQ5"),
        ("7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ", None),  # 23 characters
        ("7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ55", None),
        ("7KQ9_2JMX_4T8L_P3VW_ZC6R_1HQ5", None),
        ("", None),
    ],
)
def test_normalise_failure_id(raw: str, expected: str | None) -> None:
    assert normalise_failure_id(raw) == expected


def test_format_failure_id() -> None:
    assert format_failure_id("7kq92jmx4t8lp3vwzc6r1hq5") == "7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5"
    with pytest.raises(ValueError, match="failure ID"):
        format_failure_id("7KQ9")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("482913", "482913"),
        ("482 913", "482913"),
        (" 48 29 13 ", "482913"),
        ("４８２９１３", "482913"),
        ("48291", None),
        ("4829134", None),
        ("48291a", None),
        ("482-913", None),
        ("", None),
    ],
)
def test_normalise_pin(raw: str, expected: str | None) -> None:
    assert normalise_pin(raw) == expected


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("7KQ9-2JMX-4T8L-P3VW-ZC6R", 20),
        ("it failed with 7kq9 2jmx 4t8l p3vw zc6r", 20),
        ("the fan test said 12345678ABCDEFGH9", 17),
        ("7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5-XY", 26),
        ("7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5", None),  # valid: not a mistake
        ("no, the test did not pass", None),
        ("serial 5CG3201ABC and product 8A3N7EA", None),
        ("call me on +31 20 555 0100", None),
    ],
)
def test_failure_id_attempt_length(text: str, length: int | None) -> None:
    assert failure_id_attempt_length(text) == length

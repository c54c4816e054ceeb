"""The scan code on each form: read back exactly, garbled codes never taken for another."""

from __future__ import annotations

import pytest

from dpo_desk.core.consent.scan_code import (
    ScanCode,
    ScanCodeError,
    looks_like_scan_code,
    make_scan_code,
    parse_scan_code,
)

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.-_"


def test_a_code_reads_back_to_school_student_template_and_version() -> None:
    code = make_scan_code("199002", 4711, "videokonferenzen", 2)
    assert code.startswith("EW.199002.4711.VIDEOKONFERENZEN.2.")
    assert parse_scan_code(f"  {code}\n") == ScanCode("199002", 4711, "videokonferenzen", 2)
    assert parse_scan_code(code.lower()).student_id == 4711
    assert looks_like_scan_code(code.lower())
    assert not looks_like_scan_code("Müller")


@pytest.mark.parametrize("key", ["videokonferenzen", "schul-messenger_yz", "fotos"])
def test_every_single_wrong_character_and_swap_is_detected(key: str) -> None:
    code = make_scan_code(17, 123, key, 1)
    wrong = [code[:i] + c + code[i + 1 :] for i in range(len(code)) for c in ALPHABET]
    wrong += [code[:i] + code[i + 1] + code[i] + code[i + 2 :] for i in range(len(code) - 1)]
    for text in wrong:
        if text == code or _only_y_z_differ(text, code):
            continue
        with pytest.raises(ScanCodeError, match="nicht lesbar"):
            parse_scan_code(text)


def _only_y_z_differ(a: str, b: str) -> bool:
    return a.replace("Y", "Z") == b.replace("Y", "Z")


def test_a_scanner_set_to_the_us_layout_is_still_read() -> None:
    code = make_scan_code("199002", 5, "schul-messenger_yz", 1)
    typed = code.replace("-", "ß").replace("_", "?").translate(str.maketrans("YZ", "ZY"))
    scan = parse_scan_code(typed)
    assert "schul-messenger_yz" in scan.key_candidates()
    assert scan.student_id == 5


@pytest.mark.parametrize("text", ["", "EW", "EW.1.2.X.1", "Zimmermann", "EW.1.x.KEY.1.00"])
def test_other_input_is_not_a_code(text: str) -> None:
    with pytest.raises(ScanCodeError):
        parse_scan_code(text)

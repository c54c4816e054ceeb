"""The scan code printed on each consent form: school, student, template and version.

``EW.<school>.<student>.<KEY>.<version>.<check>``, e.g. ``EW.1.4711.VIDEOKONFERENZEN.2.58``.
A barcode or QR scanner types it as keyboard input followed by Enter. Scanners are often set
to the US keyboard layout while the PC uses the German one; then Y and Z swap and "-"/"_"
arrive as "ß"/"?". Such a code is still read: the check digits treat Y and Z alike, and
``ScanCode.key_candidates`` offers both spellings of the key. Case does not matter.
The two check digits (weighted sum modulo 97) catch any other single wrong character and
any swap of two neighbouring characters, so a garbled code is not taken for another form.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "EW"
SEPARATOR = "."
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.-_"
_MODULUS = 97


class ScanCodeError(ValueError):
    """The text is not a readable consent scan code (German message)."""


@dataclass(frozen=True)
class ScanCode:
    school: str
    """The school's key: its school number, else its database id, as text."""
    student_id: int
    template_key: str
    version: int

    def __str__(self) -> str:
        return make_scan_code(self.school, self.student_id, self.template_key, self.version)

    def key_candidates(self) -> tuple[str, ...]:
        """The key as read, then with Y and Z swapped (a scanner typing in the US layout)."""
        swapped = self.template_key.translate(str.maketrans("yz", "zy"))
        return (
            (self.template_key,) if swapped == self.template_key else (self.template_key, swapped)
        )


def _check_digits(payload: str) -> str:
    folded = payload.replace("Y", "Z")
    total = sum(
        (_ALPHABET.index(char) + 1) * (position + 1) for position, char in enumerate(folded)
    )
    return f"{total % _MODULUS:02d}"


def _clean_school(school: str | int) -> str:
    text = str(school).strip().upper()
    if not text or not text.isalnum() or not text.isascii():
        raise ValueError(f"Schulkennung {school!r} eignet sich nicht für einen Code.")
    return text


def make_scan_code(
    school_key_or_id: str | int, student_id: int, template_key: str, version: int
) -> str:
    """The text to print (as QR code and in plain text below it)."""
    key = template_key.strip().upper()
    if not key or any(char not in _ALPHABET or char == SEPARATOR for char in key):
        raise ValueError(f"Vorlagenkürzel {template_key!r} eignet sich nicht für einen Code.")
    if student_id <= 0 or version <= 0:
        raise ValueError("Schüler-Nummer und Version müssen positiv sein.")
    payload = SEPARATOR.join(
        (PREFIX, _clean_school(school_key_or_id), str(student_id), key, str(version))
    )
    return f"{payload}{SEPARATOR}{_check_digits(payload)}"


def looks_like_scan_code(text: str) -> bool:
    """True when the text is meant as a scan code (so a search field can tell it from a name)."""
    return text.strip().upper().startswith(PREFIX + SEPARATOR)


_US_ON_GERMAN = str.maketrans({"ß": "-", "ẞ": "-", "?": "_"})


def _read(code: str) -> ScanCode | None:
    parts = code.split(SEPARATOR)
    if len(parts) != 6 or parts[0] != PREFIX or any(not part for part in parts):
        return None
    payload, check = code.rsplit(SEPARATOR, 1)
    if any(char not in _ALPHABET for char in payload) or _check_digits(payload) != check:
        return None
    _, school, student, key, version, _ = parts
    if not (student.isdigit() and version.isdigit() and school.isalnum()):
        return None
    return ScanCode(school, int(student), key.lower(), int(version))


def parse_scan_code(text: str) -> ScanCode:
    """The parts of a scan code; ``ScanCodeError`` with a German message when it is garbled.
    Whether the school, student and template exist is for the caller to decide (try each of
    ``key_candidates``)."""
    raw = text.strip()
    scan = _read(raw.translate(_US_ON_GERMAN).upper())
    if scan is None:
        raise ScanCodeError(
            f"Der Code „{raw}“ ist nicht lesbar (Prüfziffer oder Aufbau stimmt nicht). Bitte "
            "erneut scannen oder den Code unter dem QR-Code abtippen."
        )
    return scan

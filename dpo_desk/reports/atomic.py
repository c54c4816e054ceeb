"""Write a finished file so that the target is either the old file or the complete new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class DocumentError(Exception):
    """A document could not be made or saved; the message is German and names the remedy."""


class DocumentCancelled(DocumentError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Der Druck wurde abgebrochen. Es wurde keine Datei gespeichert.")


def _reason(error: OSError, path: Path) -> str:
    folder = path.parent
    if isinstance(error, FileNotFoundError):
        return f"Der Ordner „{folder}“ existiert nicht. Bitte einen vorhandenen Ordner wählen."
    if isinstance(error, IsADirectoryError) or path.is_dir():
        return f"„{path}“ ist ein Ordner. Bitte einen Dateinamen angeben, z. B. „Ausdruck.pdf“."
    if isinstance(error, PermissionError):
        return (
            f"Keine Berechtigung, „{path.name}“ im Ordner „{folder}“ zu speichern. Ist die Datei "
            "in einem anderen Programm geöffnet? Bitte schließen oder einen anderen Ort wählen."
        )
    if isinstance(error, NotADirectoryError):
        return f"„{folder}“ ist kein Ordner. Bitte einen anderen Speicherort wählen."
    detail = error.strerror or str(error)
    return f"„{path}“ konnte nicht gespeichert werden ({detail}). Ist der Datenträger voll?"


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk and move it into
    place. On any failure no partial file remains and DocumentError says why (German)."""
    target = Path(path)
    if target.is_dir():
        raise DocumentError(_reason(IsADirectoryError(), target))
    temp_name: str | None = None
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
        temp_name = None
    except OSError as error:
        raise DocumentError(_reason(error, target)) from error
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    return target

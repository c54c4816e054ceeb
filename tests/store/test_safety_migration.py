"""0007_safety: contract files of older versions move into the database (encrypted with
it, in every backup), and the plain files are deleted once the database holds them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from dpo_desk.app import open_app
from dpo_desk.services.register import contracts
from dpo_desk.services.safety.encryption import encryption_status
from tests.hostile.databases import _insert

DATA = Path(__file__).resolve().parents[1] / "data"


def test_contract_files_move_into_the_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "daten"
    data_dir.mkdir()
    database = data_dir / "dpo_desk.sqlite"
    shutil.copy(DATA / "schema_0005_consent.sqlite", database)
    with sqlite3.connect(database) as conn:
        (school_id,) = conn.execute("SELECT id FROM school LIMIT 1").fetchone()
        for pid, stored in ((501, "avv/avv-501.pdf"), (502, "avv/fehlt.pdf")):
            _insert(
                conn,
                "processor",
                id=pid,
                school_id=school_id,
                key=f"p{pid}",
                name=f"Anbieter {pid}",
                contract_file=stored,
                contract_file_name="AVV.pdf",
            )
    folder = data_dir / "anhaenge" / "avv"
    folder.mkdir(parents=True)
    (folder / "avv-501.pdf").write_bytes(b"%PDF-1.4 unterschrieben")
    (data_dir / "anhaenge" / "fremd.txt").write_text("nicht von dpo_desk")

    ctx = open_app(str(data_dir))
    try:
        assert ctx.db.upgraded_from == "0005_consent"
        assert contracts.contract_content(ctx, 501) == b"%PDF-1.4 unterschrieben"
        assert contracts.contract_content(ctx, 502) is None  # its file was missing
        assert not (folder / "avv-501.pdf").exists()  # plain copy gone
        found = encryption_status(ctx).found
        assert [p.name for p in found.loose_attachments] == ["fremd.txt"]  # reported, kept
    finally:
        ctx.db.close()
    with sqlite3.connect(database) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(processor)")}
    assert "contract_file" not in columns

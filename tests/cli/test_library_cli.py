"""``dpo-desk library copy`` and ``updates``: a preview, the copy, the change offered later;
students are refused with exit 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpo_desk.cli import main
from dpo_desk.core.register.values import TomData
from dpo_desk.services.register.toms import list_toms, update_tom
from tests.conftest import sample_profile


def test_copy_then_a_change_at_the_source_is_offered(
    ctx, demo, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dpo_desk.services.schools import create_school

    create_school(ctx, sample_profile())
    base = ["--data-dir", str(data_dir), "library"]
    copy = [*base, "copy", "--from", "199001", "--to", "123456", "--parts", "processors"]
    assert main([*copy, "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert "0 unverändert" in captured.err and "nichts importiert" in captured.out
    assert main(copy) == 0
    assert "Importiert:" in capsys.readouterr().out

    tom = next(iter(list_toms(ctx, demo.schools[0].id, None)))
    data = TomData(tom.title, "Neu gefasst", tom.protection_goal, tom.control_type)
    update_tom(ctx, tom.id, data)
    assert main([*base, "updates", "--school", "123456"]) == 0
    assert f"TOM „{tom.title}“ wurde dort geändert" in capsys.readouterr().out


def test_students_are_not_copied(demo, data_dir: Path, capsys) -> None:
    args = ["--data-dir", str(data_dir), "library", "copy", "--from", "199001", "--to"]
    assert main([*args, "199002", "--parts", "students"]) == 3
    assert "nicht in eine andere kopiert" in capsys.readouterr().err


def test_the_library_add_list_take_and_offer_a_change(
    ctx, demo, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(data_dir), "library"]
    tom = next(iter(list_toms(ctx, demo.schools[0].id, None)))
    add = [*base, "add", "--school", "199001", "--kind", "tom", "--key", tom.title]
    assert main(add) == 0
    assert "In die Bibliothek aufgenommen (Nr. 1)" in capsys.readouterr().out
    assert main([*base, "list", "--format", "csv"]) == 0
    listed = capsys.readouterr().out
    assert tom.title in listed and "Grundschule am Lindenhof" in listed

    take = [*base, "take", "--school", "199002", "--items", "1"]
    assert main([*take, "--dry-run"]) == 0
    assert "nichts importiert" in capsys.readouterr().out
    assert main(take) == 0
    assert "Importiert:" in capsys.readouterr().out

    data = TomData(
        tom.title, "In der Bibliothek neu gefasst", tom.protection_goal, tom.control_type
    )
    update_tom(ctx, tom.id, data)
    assert main(add) == 0
    assert "erneuert" in capsys.readouterr().out
    assert main([*base, "updates", "--school", "199002"]) == 0
    assert f"Bibliothek: TOM „{tom.title}“ hat jetzt Stand 2" in capsys.readouterr().out
    assert main([*base, "take", "--school", "199002", "--updates", "--on-conflict", "replace"]) == 0
    capsys.readouterr()
    assert any(
        t.description == "In der Bibliothek neu gefasst"
        for t in list_toms(ctx, demo.schools[1].id, None)
        if t.title == tom.title
    )
    assert main([*base, "remove", "1"]) == 0
    assert main([*base, "list"]) == 0
    assert "Die Bibliothek ist leer" in capsys.readouterr().out


def test_adding_an_unknown_record_is_refused(demo, data_dir: Path, capsys) -> None:
    args = ["--data-dir", str(data_dir), "library", "add", "--school", "199001"]
    assert main([*args, "--kind", "processor", "--key", "gibt-es-nicht"]) == 3
    assert "gibt es in dieser Schule nicht" in capsys.readouterr().err


def test_take_updates_renews_a_library_scenario(
    ctx, demo, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from sqlalchemy import select

    from dpo_desk.services.dsfa.scenarios import update_scenario
    from dpo_desk.services.dsfa.views import scenario_data
    from dpo_desk.services.library import items, scenarios
    from dpo_desk.store.models import DsfaAssessment, DsfaScenario

    first, second = demo.schools[0].id, demo.schools[1].id
    with ctx.reading() as session:
        drafts = select(DsfaScenario).join(
            DsfaAssessment, DsfaAssessment.id == DsfaScenario.assessment_id
        )
        source = session.scalars(
            drafts.where(DsfaScenario.school_id == first, DsfaAssessment.status == "draft")
        ).first()
        title, source_id, data = source.title, source.id, scenario_data(source)
        target = session.scalars(
            select(DsfaAssessment.id).where(
                DsfaAssessment.school_id == second, DsfaAssessment.status == "draft"
            )
        ).first()
    item = items.add_to_library(ctx, first, scenarios.KIND, title).item_id
    copy = scenarios.take_scenario(ctx, target, item).id
    update_scenario(ctx, source_id, replace(data, damage="Neu bewertet"))
    items.add_to_library(ctx, first, scenarios.KIND, title)

    take = ["--data-dir", str(data_dir), "library", "take", "--school", "199002", "--updates"]
    assert main(take) == 0
    assert "1 DSFA-Szenario(s) mit dem Stand der Bibliothek erneuert." in capsys.readouterr().out
    with ctx.reading() as session:
        assert session.get(DsfaScenario, copy).damage == "Neu bewertet"

"""``make server-demo``: the demo schools on a server, one person per role, each seeing
and doing what the role allows."""

from __future__ import annotations

from dpo_desk.app import open_app
from dpo_desk.services.schools import list_schools
from dpo_desk.services.users.accounts import list_users
from tests.postgres import server_demo


def test_the_server_demo_has_the_demo_schools_and_a_person_per_role(
    server_templates, tmp_path
) -> None:
    cluster = server_templates.cluster
    name = "server_demo_probe"
    try:
        people = server_demo.build(cluster, name)
        text = server_demo.instructions(cluster, people, name)

        def signed_in(login: str):  # type: ignore[no-untyped-def]
            url = cluster.url(name, login, server_demo.PASSWORD)
            return open_app(str(tmp_path / login), database_url=url)

        admin = signed_in("admin")
        try:
            schools = [s.name for s in list_schools(admin)]
            logins = {user.login for user in list_users(admin)}
        finally:
            admin.db.close()
        assert len(schools) == 2
        assert {p.login for p in people} <= logins
        secretary = signed_in("sekretariat")
        try:
            assert [s.name for s in list_schools(secretary)] == [people[3].school]
            assert secretary.actor == "Sina Sekretariat (sekretariat)"
        finally:
            secretary.db.close()
        for person in people:
            assert person.login in text
        assert f":{cluster.port}/{name}" in text and server_demo.PASSWORD in text
    finally:
        cluster.drop_database(name)

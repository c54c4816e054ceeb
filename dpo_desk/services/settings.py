"""Application settings stored in the database."""

from __future__ import annotations

from dpo_desk.services.context import USER_NAME_KEY, ServiceContext
from dpo_desk.store.models import AppSetting


def get_setting(ctx: ServiceContext, key: str, default: str = "") -> str:
    with ctx.reading() as session:
        setting = session.get(AppSetting, key)
        return setting.value if setting else default


def set_setting(ctx: ServiceContext, key: str, value: str) -> None:
    with ctx.unit_of_work() as uow:
        setting = uow.session.get(AppSetting, key)
        old = setting.value if setting else None
        if setting is None:
            uow.session.add(AppSetting(key=key, value=value))
        else:
            setting.value = value
        if old != value:
            uow.audit("setting", None, "update", {key: [old, value]})
    if key == USER_NAME_KEY:
        ctx.forget_actor()


def user_name(ctx: ServiceContext) -> str:
    return get_setting(ctx, USER_NAME_KEY)


def set_user_name(ctx: ServiceContext, name: str) -> None:
    set_setting(ctx, USER_NAME_KEY, name.strip())

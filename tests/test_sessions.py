"""The one session-id rule, whatever channel the id comes through."""

from __future__ import annotations

import pytest

from bot.service.routes.wechat import session_for
from bot.sessions import resolve_session_id


@pytest.mark.parametrize("given", ["abc", "a" * 64, "eval-1:2.3_x", session_for("oUser_123")])
def test_well_formed_ids_are_kept(given: str) -> None:
    assert resolve_session_id(given) == given


@pytest.mark.parametrize("given", [None, "", "a" * 65, "../../etc/passwd", "会话一", "a b"])
def test_any_other_id_gets_a_fresh_well_formed_one(given: str | None) -> None:
    fresh = resolve_session_id(given)
    assert fresh != given and len(fresh) == 32
    assert resolve_session_id(fresh) == fresh

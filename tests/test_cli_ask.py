"""`policybot ask` as a real process: the reply contract, sessions across invocations, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPLY_KEYS, ROOT
from tests.utils.data import copy_data_dir

POLICYBOT = str(Path(sys.executable).with_name("policybot"))


@pytest.fixture
def env(kb_index: Path, tmp_path: Path) -> dict[str, str]:
    data = tmp_path / "data"
    copy_data_dir(kb_index, data)
    return {**os.environ, "POLICYBOT_DATA_DIR": str(data)}


def _ask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [POLICYBOT, "ask", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_json_reply_contract_and_session_across_invocations(env: dict[str, str]) -> None:
    first = _ask(env, "--json", "委托重庆企业做特效花了300万能补多少？")
    assert first.returncode == 0, first.stderr
    reply = json.loads(first.stdout)
    assert set(reply) == REPLY_KEYS
    assert reply["calculation"]["amount_yuan"] == 450_000
    second = _ask(env, "--json", "--session", reply["session_id"], "那如果是5000万呢？")
    follow = json.loads(second.stdout)
    assert follow["calculation"]["amount_yuan"] == 5_000_000
    assert follow["calculation"]["capped"] is True


def test_readable_text(env: dict[str, str]) -> None:
    result = _ask(env, "本届电影节的主题是什么？")
    assert result.returncode == 0
    assert "科技光影·上合风采" in result.stdout
    assert "引用" in result.stdout


def test_empty_question_exits_2_with_a_chinese_message(env: dict[str, str]) -> None:
    result = _ask(env, "   ")
    assert result.returncode == 2
    assert "请输入您的问题" in result.stderr


def test_no_index_says_to_ingest(tmp_path: Path) -> None:
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(tmp_path / "empty")}
    result = _ask(env, "你好")
    assert result.returncode == 2
    assert "policybot ingest" in result.stderr


def test_chat_keeps_the_session_between_turns(env: dict[str, str]) -> None:
    result = subprocess.run(
        [POLICYBOT, "chat"],
        input="委托重庆企业做特效花了300万能补多少？\n那如果是5000万呢？\n\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "45万元" in result.stdout
    assert "500万元" in result.stdout


@pytest.mark.parametrize(
    ("command", "labels"),
    [
        ("answers", ("计算器准确率", "事实准确率", "拒答准确率", "编造金额的回答数")),
        ("retrieval", ("dense", "bm25", "hybrid", "recall@3", "MRR")),
    ],
)
def test_eval_commands_print_their_metrics_and_meet_the_targets(
    env: dict[str, str], command: str, labels: tuple[str, ...]
) -> None:
    result = subprocess.run(
        [POLICYBOT, "eval", command],
        env={**env, "COLUMNS": "200"},
        cwd=ROOT,  # the golden sets are found from the project root
        capture_output=True,
        text=True,
        timeout=900,  # every development set is scored too (about 4 min on two cores)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for label in labels:
        assert label in result.stdout


@pytest.mark.parametrize("command", ["answers", "retrieval"])
def test_eval_commands_say_where_the_golden_set_is_missing(
    env: dict[str, str], tmp_path: Path, command: str
) -> None:
    result = subprocess.run(
        [POLICYBOT, "eval", command],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "找不到评测集" in result.stderr and "--golden" in result.stderr

"""HQ's working folder: `kyogikai init` lays it out, every command finds its kyogikai.toml,
and `kyogikai month` does the month's whole job with no path typed; passwords come from an
environment variable or a hidden prompt."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from filled_forms import blank_form, fill
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.config import CONFIG_NAME, load_workspace, settings_file_text
from toolkit.settings import Settings, load_settings, number_ranges
from toolkit.workspace import EXAMPLE_ID
from toolkit.writing.registry_io import read_registry

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import make_hostile as mh

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PLANTED: dict[str, list[dict[str, str]]] = json.loads(
    (SAMPLES / "planted.json").read_text(encoding="utf-8")
)
AS_OF = ["--as-of", "2026-11-25"]
LAYOUT = ["kyogikai.toml", "出力", "協議会名簿.xlsx", "受付簿.xlsx", "受信", "台帳", "返却", "様式"]


def _invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, input=input)


# --- init ----------------------------------------------------------------------------------


def test_init_lays_out_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["init", "本部"])
    assert out.exit_code == 0, out.output
    root = Path("本部")
    assert sorted(p.name for p in root.iterdir()) == sorted(LAYOUT)
    assert all((root / name).is_dir() for name in ("受信", "返却", "出力", "台帳", "様式"))
    lines = out.output.splitlines()
    assert lines[0] == "作業フォルダを作りました: 本部"
    assert "次にすること:" in lines
    assert (
        "  3. cd 本部 で作業フォルダに移り、kyogikai month 2026-10 のように月を指定して実行します。"
        in lines
    )


def test_the_new_registry_has_one_example_row_on_each_sheet(tmp_path: Path) -> None:
    assert _invoke("init", str(tmp_path / "ws")).exit_code == 0
    registry = read_registry(tmp_path / "ws" / "協議会名簿.xlsx")
    assert [c.council_id for c in registry.councils] == [EXAMPLE_ID]
    assert [m.council_id for m in registry.members] == [EXAMPLE_ID]
    assert [p.station for p in registry.periods] == ["〇〇警察署"]
    assert [(p.council_id, p.kind) for p in registry.plans] == [(EXAMPLE_ID, "regular")]
    assert registry.councils[0].note.startswith("記入例です。")


def test_the_settings_file_explains_every_key_and_loads_as_the_defaults(tmp_path: Path) -> None:
    assert _invoke("init", str(tmp_path)).exit_code == 0
    config = tmp_path / CONFIG_NAME
    text = config.read_text(encoding="utf-8")
    assert text == settings_file_text()
    for key in number_ranges():
        value = getattr(Settings(), key)
        assert f"\n# {key} = {value}\n" in text, key
        before = text[: text.index(f"# {key} = ")].splitlines()[-1]
        assert before.startswith("# ") and before.endswith("）。"), key  # its explanation
    for key in ("disabled", "pending_words", "[rules.severity]"):
        assert f"# {key}" in text
    assert load_settings(config, today=Settings().today) == Settings(today=Settings().today)
    workspace = load_workspace(config)
    assert workspace is not None
    assert (workspace.registry, workspace.ledger, workspace.incoming) == (
        tmp_path / "協議会名簿.xlsx",
        tmp_path / "台帳" / "台帳.db",
        tmp_path / "受信",
    )
    assert (workspace.returned, workspace.outputs) == (tmp_path / "返却", tmp_path / "出力")


def test_a_second_init_refuses_and_changes_nothing(tmp_path: Path) -> None:
    assert _invoke("init", str(tmp_path)).exit_code == 0
    (tmp_path / CONFIG_NAME).write_text("[rules]\nreminder_days = 10\n", encoding="utf-8")
    registry = (tmp_path / "協議会名簿.xlsx").read_bytes()
    again = _invoke("init", str(tmp_path))
    assert again.exit_code == 2
    assert "すでに作業フォルダです" in again.output
    assert (tmp_path / CONFIG_NAME).read_text(encoding="utf-8") == "[rules]\nreminder_days = 10\n"
    assert (tmp_path / "協議会名簿.xlsx").read_bytes() == registry


def test_init_keeps_a_registry_already_in_the_folder(tmp_path: Path) -> None:
    shutil.copyfile(SAMPLES / "registry.xlsx", tmp_path / "協議会名簿.xlsx")
    out = _invoke("init", str(tmp_path))
    assert out.exit_code == 0, out.output
    assert (tmp_path / "協議会名簿.xlsx").read_bytes() == (SAMPLES / "registry.xlsx").read_bytes()
    assert "すでにあった名簿をそのまま使います" in out.output


def test_init_copies_a_given_registry_after_checking_it(tmp_path: Path) -> None:
    out = _invoke("init", str(tmp_path / "ws"), "--registry", str(SAMPLES / "registry.xlsx"))
    assert out.exit_code == 0, out.output
    copied = tmp_path / "ws" / "協議会名簿.xlsx"
    assert copied.read_bytes() == (SAMPLES / "registry.xlsx").read_bytes()
    bad = tmp_path / "bad.xlsx"
    bad.write_text("名簿ではありません", encoding="utf-8")
    refused = _invoke("init", str(tmp_path / "ws2"), "--registry", str(bad))
    assert refused.exit_code == 3
    assert not (tmp_path / "ws2").exists()  # checked before anything is written


# --- commands find kyogikai.toml -----------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the sample registry and, in 受信, a clean report and one whose
    council name is not the registered one; the current folder is the working folder."""
    root = tmp_path / "ws"
    assert _invoke("init", str(root), "--registry", str(SAMPLES / "registry.xlsx")).exit_code == 0
    blank = blank_form(tmp_path / "blank")
    fill(blank, root / "受信" / "中央警察署" / "report.xlsx")
    fill(
        blank, root / "受信" / "中央警察署" / "stranger.xlsx",
        council_name="架空協議会", date=date(2026, 10, 22),
    )  # fmt: skip
    monkeypatch.chdir(root)
    return root


def test_check_without_paths_reads_the_incoming_folder_with_the_registry(workspace: Path) -> None:
    out = _invoke("check", "--json", *AS_OF)
    assert out.exit_code == 0, out.output
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["report.xlsx", "stranger.xlsx"]
    assert records[0]["path"] == "受信/中央警察署/report.xlsx"
    # the registry of kyogikai.toml was used: a name not the registered one is R6
    assert [i["code"] for i in records[0]["issues"]] == []
    assert [i["code"] for i in records[1]["issues"]] == ["R6.name-mismatch"]


def test_ingest_summary_retention_remind_use_the_working_folders(workspace: Path) -> None:
    ingest = _invoke("ingest", *AS_OF)
    assert ingest.exit_code == 0, ingest.output
    assert "台帳に新しいファイル 2件" in ingest.output
    with sqlite3.connect(workspace / "台帳" / "台帳.db") as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    summary = _invoke("summary", "--period", "2026-10", "-o", "出力/10月.xlsx", *AS_OF)
    assert summary.exit_code == 0, summary.output
    assert "期間内の報告書 2件" in summary.output
    retention = _invoke("retention", *AS_OF)
    assert retention.exit_code == 0, retention.output
    remind = _invoke("remind", "-o", "出力/督促", *AS_OF)
    assert remind.exit_code == 0, remind.output
    assert any((workspace / "出力" / "督促").glob("*_督促・確認依頼.xlsx"))


def test_summary_of_report_files_does_not_read_the_working_ledger(workspace: Path) -> None:
    out = _invoke("summary", "受信", "--period", "2026-10", "-o", "出力/x.xlsx", *AS_OF)
    assert out.exit_code == 0, out.output
    assert not (workspace / "台帳" / "台帳.db").exists()


def test_config_names_the_working_folder_from_elsewhere(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace.parent)
    assert _invoke("check", *AS_OF).exit_code == 2  # no paths, no workspace
    out = _invoke("check", "--json", "--config", str(workspace / CONFIG_NAME), *AS_OF)
    assert out.exit_code == 0, out.output
    paths = [json.loads(x)["path"] for x in out.stdout.splitlines()]
    assert paths == [
        str(workspace / "受信" / "中央警察署" / n) for n in ("report.xlsx", "stranger.xlsx")
    ]


def test_a_broken_workspace_table_is_a_usage_error(workspace: Path) -> None:
    config = workspace / CONFIG_NAME
    config.write_text('[workspace]\ninbox = "受信"\n', encoding="utf-8")
    out = _invoke("check", *AS_OF)
    assert out.exit_code == 2
    assert "[workspace] の項目「inbox」は使えません" in out.output
    config.write_text("[workspace]\nincoming = 3\n", encoding="utf-8")
    out = _invoke("check", *AS_OF)
    assert out.exit_code == 2
    assert "incoming は '受信' のように" in out.output


# --- month ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The sample prefecture's month in a new working folder: (folder, first run's output,
    second run's output)."""
    root = tmp_path_factory.mktemp("prefecture") / "本部"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    shutil.copyfile(SAMPLES / "registry.xlsx", root / "協議会名簿.xlsx")
    shutil.copytree(SAMPLES / "reports", root / "受信", dirs_exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        first = CliRunner().invoke(main, ["month", "2026-10", *AS_OF])
        assert first.exit_code == 0, first.output
        second = CliRunner().invoke(main, ["month", "2026-10", *AS_OF])
        assert second.exit_code == 0, second.output
    return root, first.output, second.output


def test_month_returns_a_copy_of_each_report_with_findings_by_station(
    month: tuple[Path, str, str],
) -> None:
    root, _, _ = month
    returned = root / "返却" / "2026-10"
    copies = sorted(p.relative_to(returned).as_posix() for p in returned.rglob("*.xlsx"))
    # only the reports that ask the station to correct something: request follow-up (R5)
    # goes into the 督促・確認依頼, a duplicate (R7) and a meeting's timing (R8) to HQ
    planted = [
        path
        for path, found in PLANTED.items()
        if any(not f["code"].startswith(("R5.", "R7.", "R8.")) for f in found)
    ]
    assert len(copies) == len(planted) == 10
    # each copy in the folder of the station its report names (the samples are filed so)
    assert sorted(Path(p).parent.name for p in copies) == sorted(
        Path(p).parent.name for p in planted
    )
    assert "青葉警察署/2026-08-07_ひばりが丘交番連絡協議会.xlsx" in copies
    assert "中央警察署/2026-04-02_城東交番連絡協議会.xlsx" not in copies  # R5 only


def test_month_writes_the_summary_and_the_reminders(month: tuple[Path, str, str]) -> None:
    root, output, _ = month
    summary = root / "出力" / "集計_2026-10.xlsx"
    book = load_workbook(summary, read_only=True)
    assert book.sheetnames[:3] == ["概況", "集計表", "提出状況"]
    book.close()
    reminders = sorted(p.name for p in (root / "出力" / "督促_2026-10").iterdir())
    assert reminders and all(name.endswith("警察署_督促・確認依頼.xlsx") for name in reminders)
    assert "集計表: 出力/集計_2026-10.xlsx（令和8年10月の報告書 " in output
    assert f"督促・確認依頼: 出力/督促_2026-10（{len(reminders)}警察署分）" in output
    with sqlite3.connect(root / "台帳" / "台帳.db") as conn:
        assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 80


def test_month_prints_the_next_steps(month: tuple[Path, str, str]) -> None:
    _, output, _ = month
    lines = output.splitlines()
    steps = lines[lines.index("次にすること:") :]
    assert steps[1] == "  1. 確認用の写しを警察署に返し、直した報告書を送り直してもらってください:"
    assert "       青葉警察署  返却/2026-10/青葉警察署（1件）" in steps
    # the samples' planted duplicate (R7) is listed with the command that settles it
    assert steps[8].startswith(
        "  2. 同じ会議の報告書が2件以上あり、どれを集計に使うか決まっていません"
    )
    assert steps[9] == "       浜通り交番連絡協議会 令和8年8月1日（南浜警察署）"
    assert steps[10].startswith("         ★受信/南浜警察署/2026-08-01_浜通り交番連絡協議会_2.xlsx")
    assert steps[12].startswith("       例: kyogikai settle --keep ")
    assert steps[-2:] == [
        "  3. 督促・確認依頼（出力/督促_2026-10）を各警察署に送ってください。",
        "  4. 集計表 出力/集計_2026-10.xlsx の「概況」シートを印刷して、地域課長に報告してください。",
    ]
    assert "台帳: 新しいファイル 80件、同一ファイル 0件、差し替え 1件 — 台帳/台帳.db" in lines


def test_a_second_month_run_returns_nothing_again(month: tuple[Path, str, str]) -> None:
    _, _, second = month
    assert (
        "新しく届いたファイルはありません（受信フォルダのファイルはすべて台帳にあります）。"
        in second
    )
    assert "確認用の写しを警察署に返し" not in second
    assert "台帳: 新しいファイル 0件、同一ファイル 80件" in second


def test_month_needs_a_working_folder_and_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = _invoke("month", "2026-10")
    assert out.exit_code == 2
    assert "kyogikai.toml が見つかりません" in out.output
    assert _invoke("init", ".").exit_code == 0
    year = _invoke("month", "FY2026")
    assert year.exit_code == 2
    assert "「FY2026」は月ではありません" in year.output


def test_month_warns_while_the_example_row_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _invoke("init", ".").exit_code == 0
    out = _invoke("month", "2026-10", *AS_OF)
    assert out.exit_code == 0, out.output
    assert f"記入例の行（協議会ID {EXAMPLE_ID}）が残っています" in out.output
    assert (tmp_path / "出力" / "集計_2026-10.xlsx").is_file()


# --- passwords -----------------------------------------------------------------------------


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    """A filled report encrypted with the password "kyogikai"."""
    plain = fill(blank_form(tmp_path / "blank"), tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(mh.encrypted(plain.read_bytes(), mh.PASSWORD))
    return locked


def _status(result: Result) -> tuple[str, list[str]]:
    (record,) = [json.loads(x) for x in result.stdout.splitlines()]
    return record["status"], [i["code"] for i in record["issues"]]


def test_the_password_comes_from_the_environment(locked: Path) -> None:
    assert _status(_invoke("check", str(locked), "--json", *AS_OF)) == (
        "unreadable",
        ["F1.encrypted"],
    )
    opened = _invoke("check", str(locked), "--json", *AS_OF, env={"KYOGIKAI_PASSWORD": mh.PASSWORD})
    assert _status(opened) == ("ok", [])


def test_the_password_comes_from_a_hidden_prompt(locked: Path) -> None:
    args = ["check", str(locked), "--json", "--password-prompt", *AS_OF]
    opened = _invoke(*args, input=mh.PASSWORD + "\n")
    assert _status(opened) == ("ok", [])
    assert "パスワード: " in opened.stderr
    assert mh.PASSWORD not in opened.output  # not echoed
    wrong = _invoke(*args, input="chigau\n")
    assert _status(wrong) == ("unreadable", ["F1.wrong-password"])


def test_the_help_says_why_not_to_type_the_password(tmp_path: Path) -> None:
    out = _invoke("check", "--help", env={"COLUMNS": "200"})
    assert "プロセスの一覧で見える" in out.output
    assert "KYOGIKAI_PASSWORD" in out.output


def test_roster_takes_the_registry_and_its_output_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _invoke("init", str(tmp_path / "ws"), "--registry", str(SAMPLES / "registry.xlsx"))
    monkeypatch.chdir(tmp_path / "ws")
    result = _invoke("roster", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ws" / "出力" / "委員名簿の点検.xlsx").is_file()
    assert "協議会 67、委員 669人を点検。" in result.output


def test_every_threshold_of_the_settings_file_is_explained_in_japanese() -> None:
    from toolkit.config import settings_file_text
    from toolkit.settings import number_ranges

    text = settings_file_text()
    assert "toolkit/" not in text and "settings.py" not in text  # no pointer into the source
    lines = text.splitlines()
    for key in [*number_ranges(), "pending_words", "material_words", "reply_days", "contact"]:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"# {key} ="))
        note = lines[at - 1]
        assert note.startswith("# ") and any("\u3040" <= ch <= "\u9fff" for ch in note), key

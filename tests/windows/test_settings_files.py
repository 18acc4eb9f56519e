"""Settings files as Windows editors save them, and as an attacker might hand them over:
UTF-8 with or without a BOM, UTF-16 (PowerShell 5.1), Shift_JIS (サクラエディタ, 秀丸) are
read; a TOML mistake is told in Japanese with its line and what to write instead; only a
regular file of bounded size is read (a FIFO would hang, /dev/zero would never end); NUL
and control characters are refused with the key named; `init` writes CRLF and paths in
single quotes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from winhelp import AS_OF, ROOT, invoke

from toolkit.config import CONFIG_NAME, load_workspace

SETTINGS = "# 本部の設定\n[workspace]\nincoming = '受信'\n\n[rules]\nreminder_days = 20\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8-sig", "cp932", "utf-16"],
    ids=["utf8-bom-notepad", "shift-jis-sakura", "utf16-powershell"],
)
def test_a_settings_file_saved_by_a_windows_editor_is_read(office: Path, encoding: str) -> None:
    config = office / CONFIG_NAME
    config.write_bytes(SETTINGS.replace("\n", "\r\n").encode(encoding))
    result = invoke("check", "--json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2  # the reports of 受信 were read
    workspace = load_workspace(config)
    assert workspace is not None and workspace.incoming == config.parent / "受信"


def test_a_windows_path_in_double_quotes_is_explained_in_japanese(office: Path) -> None:
    config = office / CONFIG_NAME
    config.write_text('[workspace]\nincoming = "Z:\\受信"\n', encoding="utf-8")
    result = invoke("check", "--as-of", AS_OF)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == (
        f'設定ファイル「{CONFIG_NAME}」の 2行目を読めません: \\ は "…" の中では特別な意味を'
        "持つため、そのまま書けません。"
    )
    assert lines[1] == '  2行目: incoming = "Z:\\受信"'
    assert "'Z:\\地域指導係\\受信' のように ' （シングルクォート）で囲む" in lines[2]
    assert "Unescaped" not in result.output


def test_a_path_left_unquoted_is_explained_in_japanese(office: Path) -> None:
    (office / CONFIG_NAME).write_text("[workspace]\nincoming = Z:/受信\n", encoding="utf-8")
    result = invoke("check", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "2行目を読めません: 値が読めません（文字列は引用符で囲みます）" in result.output
    assert "引用符で囲んでください" in result.output


def test_init_writes_crlf_and_paths_that_need_no_escaping(tmp_path: Path) -> None:
    assert invoke("init", tmp_path / "ws").exit_code == 0
    data = (tmp_path / "ws" / CONFIG_NAME).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)  # every line ends in CRLF
    text = data.decode("utf-8")
    assert "\r\nincoming = '受信'\r\n" in text and "\r\nregistry = '協議会名簿.xlsx'\r\n" in text
    # A path written in the form the comments show is read as written.
    edited = text.replace("incoming = '受信'", "incoming = 'Z:\\地域指導係\\受信'")
    (tmp_path / "ws" / CONFIG_NAME).write_bytes(edited.encode("utf-8"))
    workspace = load_workspace(tmp_path / "ws" / CONFIG_NAME)
    assert workspace is not None
    assert str(workspace.incoming).endswith("Z:\\地域指導係\\受信")


# --- settings files are inputs (reliability round 3, item 4) -------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_config_pointing_at_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "kyogikai.toml"
    os.mkfifo(fifo)
    outcome: list[object] = []
    runner = threading.Thread(
        target=lambda: outcome.append(invoke("check", tmp_path, "--config", fifo)), daemon=True
    )
    started = time.monotonic()
    runner.start()
    runner.join(60)
    if runner.is_alive():  # release the reader, else the test run hangs with it
        with open(fifo, "w"):
            pass
        runner.join(10)
    assert time.monotonic() - started < 60, "the settings file was waited for"
    (result,) = outcome
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert f"設定ファイル「{fifo}」は通常のファイルではありません" in result.output  # type: ignore[attr-defined]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory cap needs Linux")
def test_config_pointing_at_a_device_is_refused(tmp_path: Path) -> None:
    # In a child process with its memory capped: were /dev/zero read, that process would
    # fail, not the machine.
    def capped() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, resource.RLIM_INFINITY))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "check", str(tmp_path), "--config", "/dev/zero"],
        env=env,
        capture_output=True,
        timeout=120,
        preexec_fn=capped,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "設定ファイル「/dev/zero」は通常のファイルではありません" in err


def test_a_huge_settings_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    config = tmp_path / "huge.toml"
    with open(config, "wb") as f:
        f.truncate(64 * 2**20)  # sparse: 64 MB of NULs
    result = invoke("check", tmp_path, "--config", config)
    assert result.exit_code == 2
    assert f"設定ファイル「{config}」は大きすぎます（67,108,864バイト）" in result.output


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (
            '[workspace]\nregistry = "a\\u0000b.xlsx"',
            "[workspace] の registry に制御文字（U+0000）",
        ),
        ('[workspace]\nincoming = "受信\\u0000"', "[workspace] の incoming に制御文字（U+0000）"),
        (
            '[rules]\npending_words = ["検討中\\u001b[2J"]',
            "[rules] の pending_words に制御文字（U+001B）",
        ),
        ('[rules.severity]\n"R5\\u0007" = "error"', "[rules.severity] の R5\\x07"),
    ],
    ids=["nul-registry", "nul-incoming", "escape-word", "bell-key"],
)
def test_nul_and_control_characters_are_refused_with_the_key_named(
    tmp_path: Path, line: str, named: str
) -> None:
    config = tmp_path / "kyogikai.toml"
    config.write_text(line + "\n", encoding="utf-8")
    result = invoke("check", tmp_path, "--config", config, "--as-of", AS_OF)
    assert result.exit_code == 2, result.output
    assert named in result.output
    assert "\x00" not in result.output and "\x1b" not in result.output


def test_every_value_is_validated_with_its_key_named(tmp_path: Path) -> None:
    config = tmp_path / "kyogikai.toml"
    for text, named in [
        ("[workspace]\nledger = ['a']\n", "[workspace] の ledger は '台帳/台帳.db' のように"),
        ("[workspace]\noutputs = '   '\n", "[workspace] の outputs は '出力' のように"),
        ("[rules]\nreminder_days = 1e9\n", "reminder_days は0から365までの整数"),
        ("[rules]\ndisabled = 'R8'\n", "disabled は"),
    ]:
        config.write_text(text, encoding="utf-8")
        result = invoke("check", tmp_path, "--config", config, "--as-of", AS_OF)
        assert result.exit_code == 2, (text, result.output)
        assert named in result.output, (text, result.output)


def test_a_settings_file_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    result = invoke("check", tmp_path, "--config", folder)
    assert result.exit_code == 2
    # POSIX opens a folder and is told what it is; Windows refuses to open it.
    assert f"設定ファイル「{folder}」" in result.output

"""Names on Windows: output names made from council and station names are valid there
and never shared by two councils (Windows ignores case); temporary files are hidden and
short (a long name still gets its copy); a path over 260 characters is opened in its long
form, or named with what to do; the files Windows and Excel leave in folders are passed
over without a word."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from filled_forms import fill
from winhelp import AS_OF, Windows, invoke, month, returned

from toolkit.registry import Council, Registry


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("駅前交番 ", "駅前交番"),
        ("駅前交番...", "駅前交番"),
        ("CON", "CON_"),
        ("con.xlsx", "con.xlsx_"),
        ("COM¹", "COM¹_"),
        ("lpt³", "lpt³_"),
        ("COM0", "COM0_"),
        ("CONIN$", "CONIN$_"),
        ("conout$", "conout$_"),
        ("NUL .txt", "NUL .txt_"),
        ('北<>:"/\\|?*署', "北_________署"),
        ("あ" * 79 + " 交番", "あ" * 79),  # cut at 80 characters, then no trailing space
        ("あ" * 79 + ".交番", "あ" * 79),
        ("COMMON", "COMMON"),
    ],
)
def test_names_made_from_council_names_are_valid_on_windows(name: str, safe: str) -> None:
    from toolkit.fileio import safe_file_name

    assert safe_file_name(name) == safe


def _council(i: int, station: str, facility: str) -> Council:
    return Council(f"C{i:03}", station, "交番", facility, f"{facility}連絡協議会", "", "", "")


def test_two_councils_never_share_a_form_file_on_windows(tmp_path: Path) -> None:
    from toolkit import jobs

    councils = (
        _council(1, "北警察署", "ABC交番"),
        _council(2, "北警察署", "abc交番"),  # the same name to Windows, but for case
        _council(3, "北警察署", "駅前交番."),  # Windows drops the dot:
        _council(4, "北警察署", "駅前交番"),  # the same name again
    )
    registry = Registry(councils, (), (), "", ())
    written = jobs.templates(tmp_path, registry, None)
    assert len({str(p).casefold() for p in written}) == 4
    names = sorted(p.name for p in (tmp_path / "北警察署").iterdir())
    assert len(names) == 4  # nothing overwritten


def test_two_stations_never_share_a_plan_form(tmp_path: Path) -> None:
    from toolkit import plans

    councils = (_council(1, "ＡＢＣ警察署", "一交番"), _council(2, "ａｂｃ警察署", "二交番"))
    registry = Registry(councils, (), (), "", ())
    written = plans.plan_forms(tmp_path, registry, 2026, None, date(2026, 4, 1))
    assert len({str(p).casefold() for p in written}) == 2
    assert len(list(tmp_path.iterdir())) == 2


def test_temporary_files_are_hidden_and_the_outputs_are_not(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit import fileio

    calls: list[tuple[str, int, bool]] = []

    def setter(path: str, attributes: int) -> int:
        calls.append((path, attributes, Path(path).exists()))
        return 1

    monkeypatch.setattr(fileio, "_attribute_setter", lambda: setter)
    assert month().exit_code == 0  # a summary (xlsxwriter) and a copy (openpyxl bytes)
    hidden = [Path(p) for p, a, _ in calls if a == fileio.FILE_ATTRIBUTE_HIDDEN]
    shown = [Path(p) for p, a, _ in calls if a == fileio.FILE_ATTRIBUTE_NORMAL]
    assert hidden and all(exists for *_, exists in calls)
    assert all(fileio.TEMPORARY.fullmatch(p.name) for p in hidden + shown)
    folders = {p.parent.absolute() for p in hidden}
    assert folders >= {office / "出力", office / "返却" / "2026-10" / "中央警察署"}
    # what is hidden and then renamed to its real name is shown again before the rename
    assert all(p in hidden for p in shown)
    assert not list(office.rglob(".kyogikai-*"))  # nothing left behind


def test_a_name_too_long_for_a_temporary_file_still_gets_its_copy(
    office: Path, blank: Path
) -> None:
    # 80 kanji: 240 bytes of UTF-8 with .xlsx, near the 255 bytes a name may take; a
    # temporary name made by adding to it would not fit.
    name = "連絡協議会" * 16 + ".xlsx"
    fill(blank, office / "受信" / "中央警察署" / name, council_name="架空協議会")
    result = month()
    assert result.exit_code == 0, result.output
    assert f"2026-10/中央警察署/{name}" in returned(office), result.output
    assert "作れなかった" not in result.output


def test_long_paths_are_given_to_windows_in_their_long_form() -> None:
    from toolkit.fileio import shown_path, system_path

    deep = "C:\\本部\\" + "\\".join(["地域指導係"] * 60) + "\\報告.xlsx"
    assert system_path(deep, windows=True) == "\\\\?\\" + deep
    share = "\\\\server\\共有\\" + "\\".join(["地域指導係"] * 60)
    assert (
        system_path(share, windows=True)
        == "\\\\?\\UNC\\server\\共有\\" + share[len("\\\\server\\共有\\") :]
    )
    assert system_path("C:\\本部\\報告.xlsx", windows=True) == "C:\\本部\\報告.xlsx"
    assert system_path(deep, windows=False) == deep
    assert shown_path(system_path(deep, windows=True)) == deep
    assert shown_path(system_path(share, windows=True)) == share


def test_a_path_windows_finds_too_long_is_named_with_how_to_shorten_it(
    office: Path, windows: Windows, blank: Path
) -> None:
    folder = office / "受信" / "中央警察署"
    for _ in range(16):
        folder = folder / "地域指導係の共有フォルダ"
    deep = fill(blank, folder / "報告.xlsx")
    assert len(str(deep)) >= 260
    windows(too_long=260)
    result = invoke("check", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "パスが長すぎます（" in result.output and "短くしてから" in result.output
    assert "見つかりません" not in result.output
    assert "読取不可 0\n" in result.output and "パスが長すぎる 1件" in result.output


def test_the_files_windows_and_excel_leave_in_folders_are_not_counted(office: Path) -> None:
    station = office / "受信" / "中央警察署"
    for name in ("Thumbs.db", "desktop.ini", ".DS_Store", "~$stranger.xlsx", "THUMBS.DB"):
        (station / name).write_bytes(b"\x00" * 16)
    (station / ".kyogikai-123-4.tmp").mkdir()  # a half-written output of a killed run
    result = invoke("check", "--as-of", AS_OF)
    assert (
        result.output.strip().splitlines()[-1].startswith("ファイル 2件、報告書 2件、指摘 1件 —")
    ), result.output
    assert "読み飛ばし" not in result.output
    records: list[dict[str, Any]] = [
        json.loads(x) for x in invoke("check", "--json", "--as-of", AS_OF).stdout.splitlines()
    ]
    assert len(records) == 2

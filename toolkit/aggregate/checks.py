"""点検結果: every finding of the period's reports, and the files that could not be read.

With a station asked for, an unreadable file (whose station is unknown) is listed when a
folder of its path names the station, or when its run brought in reports of that station
only. For an in-memory ledger (`summary PATH...`) every run counts.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import pandas as pd

from toolkit.aggregate.frames import SEVERITY_JA, Scope, frame, text_blanks
from toolkit.registry import same_name


def findings_table(scope: Scope, rep: pd.DataFrame, station: str | None) -> pd.DataFrame:
    """点検結果: the findings of the period's reports, then the undated reports and the
    unreadable files of the runs that brought them in."""
    ledger = scope.ledger
    period = scope.period
    of_reports = frame(ledger.findings_between(period.start, period.end, scope.as_of))
    parts = [
        of_reports.merge(rep[["report_id", "station", "name", "meeting_date"]], on="report_id")
    ]
    if ledger.source == ":memory:":
        runs = ledger.run_ids()
    else:
        runs = sorted({int(r) for r in rep["run_id"].unique()})
    if runs:
        undated = scope.reports(ledger.undated_reports(runs, scope.as_of))
        if len(undated):
            rows = frame(ledger.findings_of_reports(undated["report_id"].tolist()))
            parts.append(
                rows.merge(
                    undated[["report_id", "station", "name", "meeting_date"]], on="report_id"
                )
            )
        files = frame(ledger.file_findings(runs))
        if len(files) and station is not None:
            files = files[_unreadable_in_station(files, rep, scope.stations or [station])]
        files = files.drop(columns=["run_id"]).assign(
            station=None, name=None, meeting_date=pd.Series(pd.NaT, index=files.index)
        )
        parts.append(files)
    filled = [p for p in parts if len(p)]
    items = pd.concat(filled, ignore_index=True) if filled else parts[0]
    rank = items["severity"].map({"error": 0, "warning": 1})
    items = items.assign(_rank=rank).sort_values(
        ["path", "sheet", "_rank", "finding_id"], kind="stable", na_position="first"
    )
    out = pd.DataFrame(
        {
            "警察署": items["station"],
            "協議会名": items["name"],
            "開催日": pd.to_datetime(items["meeting_date"]),
            "ファイル名": items["path"].map(
                lambda p: PurePath(p).name if isinstance(p, str) else p
            ),
            "シート": items["sheet"],
            "セル": items["cell"].map(_a1),
            "重大度": items["severity"].map(SEVERITY_JA),
            "内容": items["message"],
            "コード": items["code"],
            "ファイル": items["path"],
        }
    )
    return text_blanks(
        out.reset_index(drop=True), ["シート", "セル", "警察署", "協議会名", "ファイル名"]
    )


def _a1(cell: object) -> object:
    """The cell without its sheet (the sheet has a column of its own)."""
    if not isinstance(cell, str):
        return cell
    return cell.rpartition("!")[2] or cell


def _unreadable_in_station(files: pd.DataFrame, rep: pd.DataFrame, stations: list[str]) -> Any:
    def named(path: str) -> bool:
        return any(same_name(part, s) for part in PurePath(path).parts[:-1] for s in stations)

    ours = rep["station"].map(lambda x: any(same_name(x, s) for s in stations))
    by_run = ours.groupby(rep["run_id"]).all()
    own_runs = {int(run) for run in by_run[by_run].index.tolist()}
    return files.apply(lambda row: named(row["path"]) or int(row["run_id"]) in own_runs, axis=1)

#!/usr/bin/env python3
"""Score a reader's `check --json` output against the corpus' expected records.

usage: python score.py DIR [--cmd "python -m toolkit"] [--json] [-v] [--jsonl FILE]

Runs `<cmd> check --json --all DIR` (or, when the command refuses `--all`,
`<cmd> check --json DIR`), reads its JSON Lines and compares every report with
NAME.expected.json beside each workbook in DIR. Standard library only.

Exit status: 0 whenever scoring ran (it measures, it does not judge), 2 on usage errors.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import unicodedata
from pathlib import Path

WORKBOOK_EXTS = (".xlsx", ".xlsm", ".xls", ".ods")
SCALARS = (
    "affiliation",
    "reporter",
    "phone",
    "council_name",
    "facility_name",
    "date",
    "start_time",
    "end_time",
    "venue",
    "police_attendees",
    "civilian_attendees",
    "meeting_type",
    "discussion",
    "reference",
)
AGENDA_COLS = ("category", "topic", "remarks")
REQUEST_COLS = ("request", "response")


# --- normalisation -----------------------------------------------------------


def norm_text(s):
    s = unicodedata.normalize("NFKC", s).replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in s.split("\n")]
    s = "\n".join(ln for ln in lines if ln)
    return s or None


def norm(v):
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        return norm_text(v)
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    return v


def sheet_key(name):
    return unicodedata.normalize("NFKC", str(name or "")).strip()


# --- running the reader ------------------------------------------------------


def run_reader(cmd, folder):
    base = shlex.split(cmd)
    attempts = [
        [*base, "check", "--json", "--all", str(folder)],
        [*base, "check", "--json", str(folder)],
    ]
    last = None
    for argv in attempts:
        try:
            p = subprocess.run(
                argv, capture_output=True, text=True, encoding="utf-8", errors="replace"
            )
        except OSError as e:
            print(f"could not run {argv[0]}: {e}", file=sys.stderr)
            return [], f"could not run: {e}"
        last = p
        if p.returncode == 2 and "--all" in argv:
            continue
        break
    return parse_jsonl(last.stdout), (last.stderr or "").strip()


def parse_jsonl(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            out.append(obj)
    return out


# --- matching ----------------------------------------------------------------


def find_workbook(exp_path):
    stem = exp_path.name[: -len(".expected.json")]
    for ext in WORKBOOK_EXTS:
        p = exp_path.with_name(stem + ext)
        if p.exists():
            return p
    return None


def assign_objects(objs, workbooks, folder):
    """Map each output object to one of the corpus workbooks (by path, else by file name)."""
    by_path = {}
    for wb in workbooks:
        by_path[os.path.normcase(str(wb.resolve()))] = wb
    by_name = {}
    for wb in workbooks:
        by_name.setdefault(unicodedata.normalize("NFC", wb.name), []).append(wb)
    result = {wb: [] for wb in workbooks}
    for obj in objs:
        p = obj.get("path")
        if not p:
            continue
        hit = None
        cands = [Path(p)] if os.path.isabs(p) else [Path.cwd() / p, folder / p, folder.parent / p]
        for c in cands:
            key = os.path.normcase(str(c.resolve()))
            if key in by_path:
                hit = by_path[key]
                break
        if hit is None:
            same = by_name.get(unicodedata.normalize("NFC", Path(p).name), [])
            if len(same) == 1:
                hit = same[0]
        if hit is not None:
            result[hit].append(obj)
    return result


def agreement(exp, act):
    score = 0
    for k in ("date", "council_name", "facility_name"):
        if norm(exp.get(k)) is not None and norm(exp.get(k)) == norm(act.get(k)):
            score += 1
    return score


def pair_reports(expected, actual):
    """Greedy pairing within one sheet: best agreement first, reading order on ties."""
    cand = []
    for i, e in enumerate(expected):
        for j, a in enumerate(actual):
            cand.append((-agreement(e, a["report"]), i, j))
    cand.sort()
    used_e, used_a, pairs = set(), set(), []
    for _, i, j in cand:
        if i in used_e or j in used_a:
            continue
        used_e.add(i)
        used_a.add(j)
        pairs.append((i, j))
    return (
        sorted(pairs),
        [i for i in range(len(expected)) if i not in used_e],
        [j for j in range(len(actual)) if j not in used_a],
    )


# --- field comparison --------------------------------------------------------


def flagged(field, issue_fields):
    for f in issue_fields:
        if not f:
            continue
        if f == field or field.startswith(f + "[") or field.startswith(f + "."):
            return True
        if "[" in f and "[" not in field and f.split("[")[0] == field:
            return True
        if field in ("start_time", "end_time") and f == "date":
            return True
    return False


def compare(exp, act, issue_fields):
    """Yield (field, expected, actual, exact, flagged) for one matched report."""
    rows = []
    for k in SCALARS:
        e, a = norm(exp.get(k)), norm(act.get(k))
        rows.append((k, e, a, e == a))
    e, a = norm(exp.get("officers") or []), norm(act.get("officers"))
    if a is None:
        a = []
    rows.append(("officers", e, a, e == a))
    for key, cols in (("agenda", AGENDA_COLS), ("requests", REQUEST_COLS)):
        el = exp.get(key) or []
        al = act.get(key) or []
        if not isinstance(al, list):
            al = []
        for i in range(max(len(el), len(al))):
            ei = el[i] if i < len(el) else None
            ai = al[i] if i < len(al) and isinstance(al[i], dict) else None
            for c in cols:
                ev = norm(ei.get(c)) if ei is not None else None
                av = norm(ai.get(c)) if ai is not None else None
                ok = ei is not None and ai is not None and ev == av
                rows.append((f"{key}[{i}].{c}", ev, av, ok))
    return [(f, e, a, ok, (not ok) and flagged(f, issue_fields)) for f, e, a, ok in rows]


# --- main --------------------------------------------------------------------


def pad(s, width):
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
    return s + " " * max(0, width - w)


def cut(s, width):
    out, w = "", 0
    for ch in s:
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w + cw > width - 1:
            return out + "…"
        out += ch
        w += cw
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Score reader output against NAME.expected.json files."
    )
    ap.add_argument("dir", help="corpus folder holding workbooks and NAME.expected.json")
    ap.add_argument(
        "--cmd", default="python -m toolkit", help='reader command (default: "python -m toolkit")'
    )
    ap.add_argument(
        "--jsonl", help="score this saved `check --json` output instead of running the reader"
    )
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="list every field that is not exact"
    )
    args = ap.parse_args(argv)

    folder = Path(args.dir)
    if not folder.is_dir():
        ap.error(f"not a folder: {folder}")
    expected_files = sorted(folder.rglob("*.expected.json"))
    if not expected_files:
        ap.error(f"no *.expected.json in {folder}")

    corpus = []
    for ef in expected_files:
        wb = find_workbook(ef)
        with open(ef, encoding="utf-8") as fh:
            data = json.load(fh)
        corpus.append((ef, wb, data))
    workbooks = [wb for _, wb, _ in corpus if wb is not None]

    if args.jsonl:
        with open(args.jsonl, encoding="utf-8") as fh:
            objs = parse_jsonl(fh.read())
        stderr = ""
    else:
        objs, stderr = run_reader(args.cmd, folder)
    per_wb = assign_objects(objs, workbooks, folder)

    results, failures = [], []
    tot = dict(
        workbooks=0,
        expected=0,
        actual=0,
        matched=0,
        missed=0,
        nonreports=0,
        fields=0,
        exact=0,
        wrong=0,
        silent=0,
        unreadable=0,
        no_output=0,
    )
    for ef, wb, data in corpus:
        name = ef.name[: -len(".expected.json")]
        exp_reports = data.get("reports", [])
        not_reports = {sheet_key(s) for s in data.get("not_reports", [])}
        r = dict(
            workbook=name,
            file=wb.name if wb else None,
            expected=len(exp_reports),
            actual=0,
            matched=0,
            missed=0,
            nonreports=0,
            fields=0,
            exact=0,
            wrong=0,
            silent=0,
            unreadable=False,
            no_output=False,
        )
        if wb is None:
            r["missed"] = len(exp_reports)
            r["note"] = "workbook not found"
            results.append(r)
            for k in ("expected", "missed"):
                tot[k] += r[k]
            continue
        objs_wb = per_wb.get(wb, [])
        if not objs_wb:
            r["no_output"] = True
        actual = [o for o in objs_wb if isinstance(o.get("report"), dict)]
        if not actual and any(
            o.get("status") == "unreadable" or o.get("report") is None for o in objs_wb
        ):
            r["unreadable"] = True
        r["actual"] = len(actual)
        exp_by_sheet, act_by_sheet = {}, {}
        for e in exp_reports:
            exp_by_sheet.setdefault(sheet_key(e.get("sheet")), []).append(e["report"])
        for a in actual:
            act_by_sheet.setdefault(sheet_key(a.get("sheet")), []).append(a)
        for sh in list(exp_by_sheet) + [s for s in act_by_sheet if s not in exp_by_sheet]:
            el = exp_by_sheet.get(sh, [])
            al = act_by_sheet.get(sh, [])
            if sh in not_reports or not el:
                r["nonreports"] += len(al)
                for _a in al:
                    failures.append(
                        (name, sh, "(report)", "not a report", "read as a report", None)
                    )
                continue
            pairs, miss, extra = pair_reports(el, al)
            r["missed"] += len(miss)
            r["nonreports"] += len(extra)
            for i in miss:
                failures.append((name, sh, f"(report {i + 1})", el[i].get("date"), "missed", None))
            for j in extra:
                failures.append(
                    (
                        name,
                        sh,
                        "(report)",
                        "not a report",
                        f"extra report {al[j]['report'].get('date')}",
                        None,
                    )
                )
            for i, j in pairs:
                r["matched"] += 1
                a = al[j]
                issue_fields = [
                    iss.get("field") for iss in (a.get("issues") or []) if isinstance(iss, dict)
                ]
                for f, e, av, ok, fl in compare(el[i], a["report"], issue_fields):
                    r["fields"] += 1
                    if ok:
                        r["exact"] += 1
                    else:
                        r["wrong"] += 1
                        if not fl:
                            r["silent"] += 1
                        failures.append((name, sh, f, e, av, fl))
        results.append(r)
        tot["workbooks"] += 1
        for k in (
            "expected",
            "actual",
            "matched",
            "missed",
            "nonreports",
            "fields",
            "exact",
            "wrong",
            "silent",
        ):
            tot[k] += r[k]
        tot["unreadable"] += int(r["unreadable"])
        tot["no_output"] += int(r["no_output"])

    def pct(a, b):
        return f"{100.0 * a / b:.1f}%" if b else "-"

    if args.json:
        print(
            json.dumps(
                {
                    "workbooks": results,
                    "total": tot,
                    "failures": [
                        dict(workbook=w, sheet=s, field=f, expected=e, actual=a, flagged=fl)
                        for w, s, f, e, a, fl in failures
                    ]
                    if args.verbose
                    else None,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        head = (
            pad("workbook", 44) + f"{'exp':>4}{'got':>5}{'match':>6}{'miss':>5}{'nonrep':>7}"
            f"{'fields':>7}{'exact':>6}{'wrong':>6}{'silent':>7}"
        )
        print(head)
        print("-" * len(head))
        for r in results:
            note = (
                " (unreadable)" if r["unreadable"] else (" (no output)" if r["no_output"] else "")
            )
            if r.get("note"):
                note = f" ({r['note']})"
            print(
                pad(cut(r["workbook"], 43), 44)
                + f"{r['expected']:>4}{r['actual']:>5}{r['matched']:>6}"
                f"{r['missed']:>5}{r['nonreports']:>7}{r['fields']:>7}{r['exact']:>6}{r['wrong']:>6}"
                f"{r['silent']:>7}{note}"
            )
        print("-" * len(head))
        print(
            f"TOTAL  workbooks {tot['workbooks']}  reports {tot['expected']}  matched {tot['matched']}  "
            f"missed {tot['missed']}  non-reports taken {tot['nonreports']}  fields {tot['fields']}  "
            f"exact {tot['exact']} ({pct(tot['exact'], tot['fields'])})  wrong {tot['wrong']}  "
            f"silently wrong {tot['silent']} ({pct(tot['silent'], tot['fields'])})"
        )
        if args.verbose and failures:
            print()
            for w, s, f, e, a, fl in failures:
                print(
                    f"{w} | {s} | {f} | expected={json.dumps(e, ensure_ascii=False)} | "
                    f"actual={json.dumps(a, ensure_ascii=False)} | "
                    f"{'report' if fl is None else ('flagged' if fl else 'SILENT')}"
                )
    if stderr and not objs:
        print(f"\nreader printed no JSON; its error output was:\n{stderr[:2000]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

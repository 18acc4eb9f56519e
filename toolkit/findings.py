"""Findings are data: each kind has a stable code, a severity, a title and a message template.

Rules and readers never raise for bad input; they return `Finding`s. The catalogue below is
the single place where codes, severities and the Japanese wording live, so that the
documentation, the settings (which may change a severity or switch a rule off) and the
tests all see the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from toolkit.catalogue.members import MEMBER_KINDS
from toolkit.catalogue.reading import READING_KINDS
from toolkit.cells import Cell


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a report or a file, with its position on the form."""

    code: str
    severity: Severity
    message: str
    field: str | None = None
    cell: Cell | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Findings cross a process boundary with every report: rebuilt from their fields
        # directly, not through the slow generic path of frozen slotted dataclasses.
        return Finding, (self.code, self.severity, self.message, self.field, self.cell)

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "field": self.field,
            "cell": str(self.cell) if self.cell is not None else None,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class FindingKind:
    """A kind of finding: `make` fills the message template with what was found."""

    code: str
    severity: Severity
    title: str
    template: str
    source: str = ""

    def make(
        self,
        *,
        field: str | None = None,
        cell: Cell | None = None,
        severity: Severity | None = None,
        **params: object,
    ) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=self.template.format(**params),
            field=field,
            cell=cell,
        )


E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: dict[str, FindingKind] = {
    k.code: k
    for k in (
        # --- files that cannot be read (status "unreadable") ---
        FindingKind(
            "F1.not-found",
            E,
            "ファイルがない",
            "「{file}」が見つかりません。パスを確認してください。",
        ),
        FindingKind(
            "F1.not-workbook",
            E,
            "Excelのブックではない",
            "「{file}」はExcelのブックとして読めません（{detail}）。"
            "Excelで開けるか確認し、.xlsx 形式で保存し直して再提出してください。",
        ),
        FindingKind(
            "F1.corrupt",
            E,
            "壊れたブック",
            "「{file}」は壊れているため読めません（{detail}）。"
            "Excelで開いて保存し直すか、元のファイルを再提出してください。",
        ),
        FindingKind(
            "F1.encrypted",
            E,
            "パスワード付き",
            "「{file}」はパスワードで保護されています。"
            "パスワードを外して再提出してもらうか、--password でパスワードを指定してください。",
        ),
        FindingKind(
            "F1.wrong-password",
            E,
            "パスワード違い",
            "「{file}」は指定されたパスワードで開けませんでした。パスワードを確認してください。",
        ),
        FindingKind(
            "F1.too-large",
            E,
            "大きすぎる",
            "「{file}」は大きすぎるため読みません（{detail}）。"
            "報告書1件ごとのブックに分けるか、不要なシートや画像を削除して再提出してください。",
        ),
        FindingKind(
            "F1.zip-bomb",
            E,
            "異常な圧縮",
            "「{file}」は展開すると異常に大きくなるため読みません（{detail}）。"
            "正しい報告書ファイルか確認してください。",
        ),
        FindingKind(
            "F1.crashed",
            E,
            "読み取り中に異常終了",
            "「{file}」を読み取る処理が異常終了しました（{detail}）。"
            "ファイルが壊れているか、極端に大きなシートを含んでいます。"
            "Excelで開いて不要な行・列を削除し、保存し直して再提出してください。",
        ),
        FindingKind(
            "F1.program-error",
            E,
            "プログラムの不具合",
            "「{file}」を読み取る途中で、このプログラムの不具合が起きました。"
            "ファイルの問題ではないため、再提出は不要です。プログラムの担当者に連絡してください。",
        ),
        FindingKind(
            "F1.timeout",
            E,
            "時間切れ",
            "「{file}」の読み取りが{seconds}秒で終わらなかったため中止しました。"
            "Excelで開いて保存し直して再提出してください。",
        ),
        FindingKind(
            "F1.no-report",
            E,
            "報告書がない",
            "「{file}」に開催結果報告書のシートが見つかりません（{detail}）。"
            "別記様式の報告書か確認してください。",
        ),
        # --- R1 required fields (別記様式) ---
        FindingKind(
            "R1.required",
            E,
            "必須項目の未記入",
            "「{label}」が記入されていません。{label}を記入してください。",
            "別記様式",
        ),
        FindingKind(
            "R1.recommended",
            W,
            "記入漏れ",
            "「{label}」が記入されていません。記入してください。",
            "別記様式",
        ),
        FindingKind(
            "R1.no-topic",
            W,
            "協議事項の未記入",
            "協議事項が1件も記入されていません。区分ごとに具体的な議題を記入してください。",
            "別記様式、2の(7)",
        ),
        FindingKind(
            "R1.unknown-category",
            W,
            "区分が不明",
            "区分「{found}」は「交番等の活動状況」「地域住民等に身近な事件・事故等の発生状況」"
            "「地域の祭礼等の催事・行事」「その他」のいずれにも当たりません。"
            "一覧から選んでください。",
            "2の(7)",
        ),
        # --- R2 dates and times ---
        FindingKind(
            "R2.bad-date",
            E,
            "日付が読めない",
            "開催日時の日付が読み取れません: 「{found}」。"
            "「令和8年10月15日」のように年月日を記入してください。",
            "別記様式",
        ),
        FindingKind(
            "R2.nonexistent-date",
            E,
            "存在しない日付",
            "開催日時「{found}」は存在しない日付です。正しい年月日を記入してください。",
            "別記様式",
        ),
        FindingKind(
            "R2.future-date",
            E,
            "未来の日付",
            "開催日時「{found}」は点検日（{today}）より後の日付です。開催日を確認してください。",
            "別記様式",
        ),
        FindingKind(
            "R2.bad-time",
            W,
            "時刻が読めない",
            "{label}の時刻が読み取れません: 「{found}」。"
            "「午後2時～午後3時30分」や「14:00～15:30」のように記入してください。",
            "別記様式",
        ),
        FindingKind(
            "R2.end-before-start",
            E,
            "終了が開始より前",
            "終了時刻（{end}）が開始時刻（{start}）{relation}なっています。"
            "開始と終了の時刻を確認してください。",
            "別記様式",
        ),
        FindingKind(
            "R2.weekday",
            W,
            "曜日の不一致",
            "開催日時の曜日「（{given}）」が日付 {date} の曜日（{actual}）と一致しません。"
            "日付と曜日を確認してください。",
            "別記様式",
        ),
        FindingKind(
            "R2.old-date",
            W,
            "古い開催日",
            "開催日時「{found}」は点検日（{today}）の{days}日前です。"
            "年の書き誤り（2016年と2026年など）がないか確認してください。"
            "開催結果は速やかに報告します（2の(9)）。",
            "2の(9)",
        ),
        # --- R3 counts ---
        FindingKind(
            "R3.not-count",
            E,
            "人数が整数でない",
            "{label}が0以上の整数ではありません: 「{found}」。"
            "人数は「12」のように整数で記入してください。",
            "別記様式",
        ),
        FindingKind(
            "R3.too-many",
            E,
            "人数が多すぎる",
            "{label}の「{found}」は多すぎます（{maximum}人まで）。人数を確認してください。",
            "別記様式",
        ),
        FindingKind(
            "R3.no-police",
            W,
            "警察官0人",
            "出席者数（警察官）が0人です。連絡協議会は交番等の勤務員が運営します"
            "（要綱第3条第6項）。人数を確認してください。",
            "第3条第6項",
        ),
        FindingKind(
            "R3.no-civilians",
            W,
            "民間0人",
            "出席者数（民間）が0人です。委員や地域住民等の出席を確認してください。",
            "第6条第4項",
        ),
        FindingKind(
            "R3.officer-names",
            W,
            "出席警察官名と人数の不一致",
            "出席警察官名の人数（{names}名）が出席者数（警察官）の{count}人と一致しません。"
            "氏名と人数を確認してください。",
            "別記様式",
        ),
        # --- R4 meeting type ---
        FindingKind(
            "R4.meeting-type",
            E,
            "会議種別が不明",
            "会議種別が「定期」「臨時」のいずれか判別できません: 「{found}」。"
            "定期会議か臨時会議のどちらかを選んでください（要綱第6条第1項）。",
            "第6条第1項",
        ),
        # --- R5 open requests ---
        FindingKind(
            "R5.open-request",
            W,
            "措置・回答の未記入",
            "要望事項「{request}」の措置・回答が記入されていません。"
            "回答が決まっていれば記入し、決まっていなければ対応の状況（検討中 等）を"
            "記入してください。措置の状況は参加者に速やかに連絡します（2の(7)）。{hint}",
            "2の(7)",
        ),
        FindingKind(
            "R5.pending-request",
            W,
            "措置・回答が対応中",
            "要望事項「{request}」の措置・回答は「{found}」で、まだ対応中です。"
            "回答が決まったら記入し、参加者に速やかに連絡してください（2の(7)）。{hint}",
            "2の(7)",
        ),
        # --- R6 registry ---
        FindingKind(
            "R6.unknown-council",
            W,
            "名簿にない協議会",
            "協議会名「{found}」は協議会名簿に登録されていません。{hint}",
            "名簿",
        ),
        FindingKind(
            "R6.name-mismatch",
            W,
            "協議会名が名簿と違う",
            "協議会名「{found}」が協議会名簿の登録（{expected}）と異なります。"
            "様式に記入済みの協議会名を書き換えていないか確認してください。",
            "名簿",
        ),
        FindingKind(
            "R6.facility-mismatch",
            W,
            "施設名が名簿と違う",
            "施設名「{found}」が協議会名簿の登録（{expected}）と異なります。"
            "施設名を確認してください。",
            "名簿",
        ),
        FindingKind(
            "R6.affiliation-mismatch",
            W,
            "所属が名簿と違う",
            "所属「{found}」が協議会名簿の登録（{expected}）と異なります。所属を確認してください。",
            "名簿",
        ),
        # --- R7 duplicates ---
        FindingKind(
            "R7.duplicate",
            W,
            "同じ会議の重複報告",
            "{council}の{date}の会議の報告が、内容の異なる別の報告（{other}）にもあります。"
            "同じ会議の報告は1件にし、誤っている方を取り下げてください（重複報告）。",
            "別記様式",
        ),
        # --- R8 impartial timing ---
        FindingKind(
            "R8.restricted-period",
            W,
            "配意期間中の開催",
            "開催日 {date} は「{period}」の期間（{start}～{end}）中です。"
            "不偏不党かつ公正を維持するため、開催時機に配意してください（要綱第8条第3号）。",
            "第8条第3号",
        ),
        # --- R9 the paper copy ---
        FindingKind(
            "R9.cut-on-paper",
            W,
            "印刷で切れる文字",
            "「{label}」は印刷すると枠に収まりません（{lines}行分の文のうち、枠に入るのは"
            "{room}行です）。紙の報告書では続きが切れてしまうため、文を短くするか、"
            "続きを「続紙」のシートに書いてください（別記様式、2の(9)）。",
            "2の(9)",
        ),
        *(
            FindingKind(code, Severity(sev), title, template, source)
            for code, sev, title, template, source in (*MEMBER_KINDS, *READING_KINDS)
        ),
    )
}


def kind(code: str) -> FindingKind:
    """The catalogue entry for a code (KeyError for an unknown code is a programming error)."""
    return CATALOGUE[code]


def file_finding(code: str, **params: object) -> Finding:
    """A finding about a whole file, with no field or cell."""
    entry = CATALOGUE[code]
    return Finding(entry.code, entry.severity, entry.template.format(**params))


# Findings that ask the station nothing about the report it wrote, so a copy is never sent
# back for them: request follow-up (R5: the 督促・確認依頼 asks for the 措置状況 instead), a
# meeting reported twice (R7: HQ settles it), the timing of a meeting already held (R8),
# and how HQ read a layout it had not confirmed (S3).
NOT_FOR_CORRECTION = ("R5.", "R7.", "R8.", "S3.")


def asks_correction(finding: Finding) -> bool:
    """Does the finding ask the station to correct its report (an error, or a warning about
    what the form says)?"""
    return finding.severity is Severity.ERROR or not finding.code.startswith(NOT_FOR_CORRECTION)


def worst(findings: list[Finding]) -> Severity | None:
    """The highest severity among findings, or None when there are none."""
    if any(f.severity is Severity.ERROR for f in findings):
        return Severity.ERROR
    if findings:
        return Severity.WARNING
    return None

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
        # --- M1–M6 council members (registry 委員・協議会, Art. 3 and 2(4)イ) ---
        # {where} names the registry sheet, row and column; {council} the council and its ID.
        FindingKind(
            "M1.no-members",
            W,
            "委員の未登録",
            "{where}{council}の委員が「委員」シートに1人も登録されていません。"
            "委員（おおむね{target}人程度）を「委員」シートに登録してください（2の(4)イ(ｱ)）。",
            "2の(4)イ(ｱ)",
        ),
        FindingKind(
            "M1.size",
            W,
            "委員の人数",
            "{where}{council}の委員は{count}人です。委員はおおむね{target}人程度とし、"
            "所管区の実情や勤務体制に応じて加減します（2の(4)イ(ｱ)）。"
            "{low}～{high}人の範囲を外れているため、人数を見直してください。",
            "2の(4)イ(ｱ)",
        ),
        FindingKind(
            "M2.few-leaders",
            W,
            "コミュニティ・リーダーが少ない",
            "{where}{council}の委員{count}人のうち、コミュニティ・リーダー（区分a 自治会・町内会等の"
            "役員、b 防犯協会・交通安全協会・ボランティア団体等、c 自治体・公的機関の職員）は"
            "{leaders}人（{share}％）です。委員のおおむね半数程度はa～cから選定するよう"
            "配意してください（2の(4)イ(ｱ)、基準{minimum}％以上）。",
            "2の(4)イ(ｱ)",
        ),
        FindingKind(
            "M3.expired",
            W,
            "任期満了",
            "{where}{council}の委員「{name}」の任期は{term_end}に満了しています（{days}日経過）。"
            "再任または後任の委嘱の手続をとり、名簿の委嘱日・任期満了日を更新してください"
            "（要綱第3条第5項）。",
            "第3条第5項",
        ),
        FindingKind(
            "M3.ending-soon",
            W,
            "任期満了が近い",
            "{where}{council}の委員「{name}」の任期は{term_end}に満了します（あと{days}日）。"
            "再任または後任の委嘱を準備してください（要綱第3条第5項）。",
            "第3条第5項",
        ),
        FindingKind(
            "M3.term-length",
            W,
            "任期がおおむね2年でない",
            "{where}{council}の委員「{name}」の任期は委嘱日{appointed}から任期満了日{term_end}までの"
            "{length}です。任期はおおむね{years}年です（要綱第3条第5項）。"
            "委嘱日と任期満了日を確認してください。",
            "第3条第5項",
        ),
        FindingKind(
            "M3.no-term",
            W,
            "任期満了日の未記入",
            "{where}{council}の委員「{name}」の任期満了日が記入されていません。"
            "委嘱日からおおむね{years}年後の任期満了日を記入してください（要綱第3条第5項）。",
            "第3条第5項",
        ),
        FindingKind(
            "M4.long-tenure",
            W,
            "長期の在任",
            "{where}{council}の委員「{name}」は初委嘱日{first}から{years}年在任しています"
            "（基準{limit}年）。長期間特定の者に依存しないよう、改選の際は新陳代謝に"
            "配意してください（2の(4)イ(ｱ)・(ｲ)）。",
            "2の(4)イ(ｱ)・(ｲ)",
        ),
        FindingKind(
            "M4.many-terms",
            W,
            "再任の重なり",
            "{where}{council}の委員「{name}」は初委嘱日{first}から数えて現在{terms}期目です"
            "（基準{limit}期まで）。再任を妨げるものではありませんが、常に新陳代謝に"
            "配意してください（2の(4)イ(ｲ)）。",
            "2の(4)イ(ｲ)",
        ),
        FindingKind(
            "M5.gender",
            W,
            "性別の偏り",
            "{where}{council}の委員は{counts}で、{missing}が{minimum}人に満たない状態です。"
            "委員は職業、年齢、性別等を考慮して幅広く選定してください（要綱第3条第3項）。",
            "第3条第3項",
        ),
        FindingKind(
            "M5.age",
            W,
            "年代の偏り",
            "{where}{council}の委員{count}人の年代は{bands}の{n}区分だけです（基準{minimum}区分"
            "以上）。年齢を考慮して幅広く選定してください（要綱第3条第3項）。",
            "第3条第3項",
        ),
        FindingKind(
            "M5.occupation",
            W,
            "職業の偏り",
            "{where}{council}の委員{count}人のうち{same}人（{share}％）の職業が「{occupation}」です。"
            "職業を考慮して幅広く選定してください（要綱第3条第3項）。",
            "第3条第3項",
        ),
        FindingKind(
            "M6.no-manager",
            W,
            "運営責任者の未記入",
            "{where}{council}の運営責任者が記入されていません。{facility_type}の{expected}から"
            "署長が指定した運営責任者を、役職・階級・氏名で記入してください（要綱第3条第6項）。",
            "第3条第6項",
        ),
        FindingKind(
            "M6.manager-role",
            W,
            "運営責任者が施設に合わない",
            "{where}{council}の運営責任者「{found}」は、要綱が{facility_type}に定める{expected}"
            "ではありません。{expected}から指定し、役職を名簿に記入してください"
            "（要綱第3条第6項）。",
            "第3条第6項",
        ),
        # --- I1 values the reader inferred (never silently: each names its cell) ---
        FindingKind(
            "I1.joined-rows",
            W,
            "複数行をつないで読み取り",
            "「{label}」は{rows}行（{first}～{last}）に分けて書かれていたため、上から順に"
            "改行でつないで1つの{label}として読みました。つながりが正しいか確認してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.split-list",
            W,
            "番号・記号で分けて読み取り",
            "「{label}」（{where}）に番号や記号を付けて書かれた内容を、{count}件の{label}に"
            "分けて読みました。分け方が正しいか確認してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.rows-as-items",
            W,
            "1行を1件として読み取り",
            "「{label}」の欄（{where}）に行ごとに書かれた内容を、1行を1件として{count}件の"
            "{label}に分けて読みました。分け方が正しいか確認してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.paired-by-number",
            W,
            "番号で組み合わせて読み取り",
            "要望事項（{where}）と措置・回答（{answers}）を、{how}で組み合わせて"
            "読みました。組み合わせが正しいか確認してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.unpaired-response",
            W,
            "対応する要望のない回答",
            "措置・回答「{found}」（{where}）に対応する要望事項が見つかりません。"
            "要望事項と措置・回答の番号をそろえて記入してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.exchanges",
            W,
            "「要望」「回答」の書き出しで組み分け",
            "「要望事項」の欄（{where}）の「要望」「回答」などの書き出しから、"
            "要望と措置・回答を{count}組に分けて読みました。組み合わせが正しいか確認してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.unshaped-requests",
            W,
            "要望と回答を分けられない",
            "「要望事項」の欄（{where}）の記入「{found}」を要望ごと・措置・回答ごとに"
            "分けられなかったため、全体を1件の要望として読みました。要望事項と措置・回答を"
            "分けて、1件ずつ記入してください。",
            "別記様式、2の(7)",
        ),
        FindingKind(
            "I1.unread-requests",
            W,
            "要望事項が読み取れない",
            "「要望事項」の近く（{where}）に記入「{found}」がありますが、要望事項として"
            "読み取れませんでした。要望事項と措置・回答の表に1件ずつ記入してください。",
            "別記様式、2の(7)",
        ),
        FindingKind(
            "I1.derived-count",
            W,
            "氏名から人数を数えて読み取り",
            "{label}が人数で書かれていないため、{source}（{where}）に書かれた氏名{count}名を"
            "数えて{count}人としました。人数を数字で記入してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.unformatted-number",
            W,
            "表示形式を読めない数値",
            "「{label}」（{where}）は数値「{found}」として保存されています。このファイル形式"
            "（.xls）では表示形式を読み取れないため、画面では先頭に0を付けた番号などに見えて"
            "いる可能性があります。番号を確認し、文字列として記入してください。",
            "別記様式",
        ),
        FindingKind(
            "I1.split-field",
            W,
            "1つの欄から2項目を読み取り",
            "「{label}」の欄（{where}）の「{found}」から、{parts}を分けて読みました。"
            "それぞれの欄に分けて記入してください。",
            "別記様式",
        ),
        # --- S1/S2 how the sheet was read: shapes, struck text, example sheets ---
        FindingKind(
            "S1.inferred",
            W,
            "図形・取り消し線から判断した値",
            "{label}（セル {where}）は、{note}。正しく読めているか確認してください。",
            "別記様式",
        ),
        FindingKind(
            "S1.unsure",
            W,
            "図形の印がどれを指すか分からない",
            "{label}（セル {where}）は、{note}。どれを選んだのか分かるように記入し直してください。",
            "別記様式",
        ),
        FindingKind(
            "S1.unreadable-required",
            E,
            "図形の中の値が読めない",
            "{label}の欄（セル {where} 付近）に{what}があり、その中に書かれた値を読み取れません"
            "でした（未記入ではありません）。{label}をセルに直接入力して再提出してください。",
            "別記様式",
        ),
        FindingKind(
            "S1.unreadable",
            W,
            "図形の中の値が読めない",
            "{label}の欄（セル {where} 付近）に{what}があり、その中に書かれた値を読み取れません"
            "でした（未記入ではありません）。{label}をセルに直接入力してください。",
            "別記様式",
        ),
        FindingKind(
            "S2.example-sheet",
            W,
            "記入例のシートを報告書として読んだ",
            "{why}ため記入例のように見えますが、{reason}ため、報告書として読みました。"
            "記入例のまま提出していないか確認し、報告書であればシート名や「記入例」の表示を"
            "直してください。",
            "2の(9)",
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


def worst(findings: list[Finding]) -> Severity | None:
    """The highest severity among findings, or None when there are none."""
    if any(f.severity is Severity.ERROR for f in findings):
        return Severity.ERROR
    if findings:
        return Severity.WARNING
    return None

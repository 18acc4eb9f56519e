"""Wording of the reading findings: I1 (a value inferred rather than read), S1 (a value
taken from a shape or struck text), S2 (an example sheet read as a report), S3 (a layout
HQ has not confirmed).

Each entry is one kind of finding; `toolkit.findings` makes them part of its catalogue.
"""

from __future__ import annotations

# (code, severity, title, message template, source in the directive); see toolkit.findings.
Kind = tuple[str, str, str, str, str]

# A report read by its labels: its layout is neither our template nor one HQ confirmed.
UNCONFIRMED = "S3.unconfirmed-layout"
# Findings for HQ alone: how a layout was read is HQ's matter, not the station's, and
# never goes into the copy returned to a station.
HQ_ONLY = frozenset({UNCONFIRMED, "S3.similar-layout"})
# Judgements about where a value is written or how a box divides into values. A layout HQ
# confirmed answers them: a sheet read by its map carries none of them.
WHERE_JUDGED = frozenset(
    {
        "I1.joined-rows",
        "I1.split-list",
        "I1.rows-as-items",
        "I1.paired-by-number",
        "I1.exchanges",
        "I1.split-field",
        "I1.derived-count",
        "S1.inferred",
    }
)

READING_KINDS: tuple[Kind, ...] = (
    # --- I1 values the reader inferred (never silently: each names its cell) ---
    (
        "I1.joined-rows",
        "warning",
        "複数行をつないで読み取り",
        "「{label}」は{rows}行（{first}～{last}）に分けて書かれていたため、上から順に"
        "改行でつないで1つの{label}として読みました。つながりが正しいか確認してください。",
        "別記様式",
    ),
    (
        "I1.split-list",
        "warning",
        "番号・記号で分けて読み取り",
        "「{label}」（{where}）に番号や記号を付けて書かれた内容を、{count}件の{label}に"
        "分けて読みました。分け方が正しいか確認してください。",
        "別記様式",
    ),
    (
        "I1.rows-as-items",
        "warning",
        "1行を1件として読み取り",
        "「{label}」の欄（{where}）に行ごとに書かれた内容を、1行を1件として{count}件の"
        "{label}に分けて読みました。分け方が正しいか確認してください。",
        "別記様式",
    ),
    (
        "I1.paired-by-number",
        "warning",
        "番号で組み合わせて読み取り",
        "要望事項（{where}）と措置・回答（{answers}）を、{how}で組み合わせて"
        "読みました。組み合わせが正しいか確認してください。",
        "別記様式",
    ),
    (
        "I1.unpaired-response",
        "warning",
        "対応する要望のない回答",
        "措置・回答「{found}」（{where}）に対応する要望事項が見つかりません。"
        "要望事項と措置・回答の番号をそろえて記入してください。",
        "別記様式",
    ),
    (
        "I1.exchanges",
        "warning",
        "「要望」「回答」の書き出しで組み分け",
        "「要望事項」の欄（{where}）の「要望」「回答」などの書き出しから、"
        "要望と措置・回答を{count}組に分けて読みました。組み合わせが正しいか確認してください。",
        "別記様式",
    ),
    (
        "I1.unshaped-requests",
        "warning",
        "要望と回答を分けられない",
        "「要望事項」の欄（{where}）の記入「{found}」を要望ごと・措置・回答ごとに"
        "分けられなかったため、全体を1件の要望として読みました。要望事項と措置・回答を"
        "分けて、1件ずつ記入してください。",
        "別記様式、2の(7)",
    ),
    (
        "I1.unread-requests",
        "warning",
        "要望事項が読み取れない",
        "「要望事項」の近く（{where}）に記入「{found}」がありますが、要望事項として"
        "読み取れませんでした。要望事項と措置・回答の表に1件ずつ記入してください。",
        "別記様式、2の(7)",
    ),
    (
        "I1.derived-count",
        "warning",
        "氏名から人数を数えて読み取り",
        "{label}が人数で書かれていないため、{source}（{where}）に書かれた氏名{count}名を"
        "数えて{count}人としました。人数を数字で記入してください。",
        "別記様式",
    ),
    (
        "I1.unformatted-number",
        "warning",
        "表示形式を読めない数値",
        "「{label}」（{where}）は数値「{found}」として保存されています。このファイル形式"
        "（.xls）では表示形式を読み取れないため、画面では先頭に0を付けた番号などに見えて"
        "いる可能性があります。番号を確認し、文字列として記入してください。",
        "別記様式",
    ),
    (
        "I1.split-field",
        "warning",
        "1つの欄から2項目を読み取り",
        "「{label}」の欄（{where}）の「{found}」から、{parts}を分けて読みました。"
        "それぞれの欄に分けて記入してください。",
        "別記様式",
    ),
    # --- I1 the sheet read as a whole: every printed cell accounted for ---
    (
        "I1.unread-text",
        "warning",
        "読み取らなかった記入",
        "セル {where} の「{found}」は、報告書のどの項目の値としても読み取れませんでした。"
        "報告書の内容であれば、該当する項目の欄に記入してください。",
        "別記様式",
    ),
    (
        "I1.poor-coverage",
        "warning",
        "読み取れない記入が多い",
        "このシートの記入 {total}セルのうち {count}セル（{share}）を、どの項目としても"
        "読み取れませんでした。様式が想定と違うか、1枚に複数の報告が書かれている可能性が"
        "あります。読み取った内容を原本と照らして確認してください。",
        "別記様式",
    ),
    (
        "I1.repeated-labels",
        "warning",
        "同じ項目名が2か所にある",
        "「{label}」の項目名が {first} と {where} の2か所に印刷されています。1枚のシートに"
        "複数の報告が書かれているか、様式が崩れている可能性があります。{where} 付近の記入は"
        "読み取っていないことがあるため確認してください。",
        "別記様式",
    ),
    (
        "I1.conflict",
        "warning",
        "2つの項目が同じセルを指す",
        "「{label}」と「{other}」の値がどちらも同じセル {where} にあると読めるため、"
        "どちらの値としても読みませんでした。それぞれの欄に分けて記入してください。",
        "別記様式",
    ),
    (
        "I1.print-area-cut",
        "warning",
        "印刷範囲が様式の途中で切れている",
        "このシートの印刷範囲（{area}）が様式の途中で切れているため、印刷範囲の外も含めて"
        "シート全体を読みました。印刷範囲の設定を確認してください。",
        "別記様式",
    ),
    (
        "I1.legend",
        "warning",
        "区分を凡例から読み取り",
        "区分「{found}」（{where}）を、シートに印刷された凡例から「{category}」と読みました。"
        "区分は名称で記入してください。",
        "2の(7)",
    ),
    (
        "I1.checkbox",
        "warning",
        "チェックボックスから判断した値",
        "{label}（セル {where}）のチェックボックスのチェック（TRUE）を、続く「{option}」を"
        "選んだものとして読みました。正しく読めているか確認してください。",
        "別記様式",
    ),
    (
        "I1.label-variant",
        "warning",
        "様式にない項目名で読み取り",
        "「{found}」（{where}）を「{label}」の項目名として読み取りました。"
        "読み取った{label}が正しいか確認し、項目名は様式どおり「{label}」としてください。",
        "別記様式",
    ),
    (
        "I1.heading-line",
        "warning",
        "一覧の上の記載から読み取り",
        "一覧の上の「{found}」（{where}）から{label}を読み取り、この一覧の全ての会議に"
        "当てはめました。{label}の欄を設けて記入してください。",
        "別記様式",
    ),
    (
        "I1.sender-line",
        "warning",
        "項目名のない記載から読み取り",
        "項目名のない「{found}」（{where}）を{label}として読み取りました。"
        "読み取った{label}が正しいか確認し、{label}は項目名を付けて記入してください。",
        "別記様式",
    ),
    (
        "I1.category-marks",
        "warning",
        "区分を印から読み取り",
        "協議事項の区分を、区分ごとの列（{where}）に付けた印から読み取りました（{count}件）。"
        "区分が正しいか確認し、区分は協議事項ごとに区分の欄に記入してください。",
        "別記様式",
    ),
    (
        "I1.category-heading",
        "warning",
        "区分を見出しから読み取り",
        "協議事項の区分が見出しの行（{where} から）に書かれていたため、その下の協議事項を"
        "見出しの区分として読みました。区分は協議事項ごとに区分の欄に記入してください。",
        "2の(7)",
    ),
    (
        "I1.year-from-title",
        "warning",
        "年を表題から補って読み取り",
        "開催日時「{found}」（{where}）に年が書かれていないため、表題の「{title}」から"
        "{year}年として読みました。開催日時は年から記入してください。",
        "別記様式",
    ),
    (
        "I1.type-from-category",
        "warning",
        "「区分」を会議種別として読み取り",
        "「区分」の欄（{where}）の「{found}」を、{label}として読みました。"
        "会議種別は「定期」「臨時」のどちらかを会議種別の欄に記入してください。",
        "第6条第1項",
    ),
    (
        "I1.boxes-joined",
        "warning",
        "1文字ずつのマスをつないで読み取り",
        "「{label}」が1マスに1文字ずつ（{first}～{last}）書かれていたため、つないで"
        "「{found}」と読みました。正しく読めているか確認してください。",
        "別記様式",
    ),
    (
        "I1.document",
        "warning",
        "文書として書かれた報告書を読み取り",
        "報告書の内容が1つのセル（{where}）に文書（記書き）として書かれていたため、各行の"
        "項目名（「日時」「場所」など）を手がかりに読みました。読み取った内容を確認し、"
        "次回からは様式の各欄に記入してください。",
        "別記様式",
    ),
    # --- S1/S2 how the sheet was read: shapes, struck text, example sheets ---
    (
        "S1.inferred",
        "warning",
        "図形・取り消し線から判断した値",
        "{label}（セル {where}）は、{note}。正しく読めているか確認してください。",
        "別記様式",
    ),
    (
        "S1.unsure",
        "warning",
        "図形の印がどれを指すか分からない",
        "{label}（セル {where}）は、{note}。どれを選んだのか分かるように記入し直してください。",
        "別記様式",
    ),
    (
        "S1.unreadable-required",
        "error",
        "図形の中の値が読めない",
        "{label}の欄（セル {where} 付近）に{what}があり、その中に書かれた値を読み取れません"
        "でした（未記入ではありません）。{label}をセルに直接入力して再提出してください。",
        "別記様式",
    ),
    (
        "S1.unreadable",
        "warning",
        "図形の中の値が読めない",
        "{label}の欄（セル {where} 付近）に{what}があり、その中に書かれた値を読み取れません"
        "でした（未記入ではありません）。{label}をセルに直接入力してください。",
        "別記様式",
    ),
    (
        "S2.example-sheet",
        "warning",
        "記入例のシートを報告書として読んだ",
        "{why}ため記入例のように見えますが、{reason}ため、報告書として読みました。"
        "記入例のまま提出していないか確認し、報告書であればシート名や「記入例」の表示を"
        "直してください。",
        "2の(9)",
    ),
    # --- S3 layouts HQ has not confirmed (SPEC, "Layouts HQ confirms"): for HQ only ---
    (
        "S3.unconfirmed-layout",
        "warning",
        "確認していない様式",
        "シート「{sheet}」は本部で確認していない様式のため、項目名の位置から判断して読み"
        "取りました。判断の誤りは気付かれないことがあります。kyogikai layout でこの様式の"
        "読取確認を作り、確認して登録してください（kyogikai layout --confirm）。",
        "",
    ),
    (
        "S3.similar-layout",
        "warning",
        "確認済みの様式と違う箇所",
        "確認済みの様式「{name}」（{id}）に似ていますが、{moved}のため同じ様式とはみなさず、"
        "項目名の位置から判断して読み取りました。様式が変わったのであれば、kyogikai layout"
        " で読取確認を作り直してください。",
        "",
    ),
)

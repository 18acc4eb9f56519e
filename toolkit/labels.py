"""The printed labels of the 別記様式 and the variants stations use for them.

`PRINTED` is what messages quote: the label as printed on the form. `VARIANTS` is what the
label-anchored reader matches, after `normalize.label_key` (NFKC, no spaces, no colon).
"""

from __future__ import annotations

PRINTED: dict[str, str] = {
    "affiliation": "所属",
    "reporter": "報告者",
    "phone": "警電",
    "council_name": "協議会名",
    "facility_name": "施設名",
    "date": "開催日時",
    "start_time": "開催日時の開始時刻",
    "end_time": "開催日時の終了時刻",
    "venue": "開催場所",
    "police_attendees": "出席者数（警察官）",
    "civilian_attendees": "出席者数（民間）",
    "meeting_type": "会議種別",
    "agenda": "協議事項",
    "category": "区分",
    "topic": "協議事項",
    "remarks": "備考",
    "discussion": "協議内容等",
    "requests": "要望事項",
    "request": "要望事項",
    "response": "措置・回答",
    "reference": "参考事項（写真添付）",
    "officers": "出席警察官名",
    "attachment": "別添",
    "manager": "運営責任者",
}


def printed(field: str) -> str:
    """The printed label of a field path such as `requests[1].response` or `date`."""
    leaf = field.rsplit(".", 1)[-1].split("[", 1)[0]
    return PRINTED.get(leaf, leaf)


# Single-value fields: label variants (already in label_key form) → canonical key.
# Longer, more specific variants come first where one is a prefix of another.
VARIANTS: dict[str, tuple[str, ...]] = {
    "affiliation": ("所属", "所属署", "所属警察署", "警察署名"),
    "reporter": (
        "報告者",
        "報告者(階級・氏名)",
        "報告者階級氏名",
        "報告者氏名",
        "報告者職氏名",
        "報告者(警電)",
        "報告者・警電",
        "報告者(階級・氏名)・警電",
        "記載者",
        "作成者",
    ),
    "phone": (
        "警電",
        "警察電話",
        "警電番号",
        "連絡先(警電)",
        "電話",
        "電話番号",
        "連絡先",
        "内線",
        "内線番号",
        "警電内線",
    ),
    "council_name": ("協議会名", "連絡協議会名", "協議会の名称"),
    "facility_name": ("施設名", "交番・駐在所名", "交番駐在所名", "交番等名", "交番名", "駐在所名"),
    "date": (
        "開催日時",
        "開催日",
        "開催年月日",
        "日時",
        "開催年月日時",
        "実施日時",
        "開催日・時間",
        "開催月日",
        "月日",
        "年月日",
        "日付",
        "実施日",
        "開催年月日・時間",
    ),
    "start_time": ("開始時刻", "開始時間", "開始"),
    "end_time": ("終了時刻", "終了時間", "終了"),
    "time_range": ("開催時間", "時間"),
    "venue": ("開催場所", "場所", "会場", "開催会場"),
    "attendance": (
        "出席者数",
        "出席者",
        "参加者数",
        "出席人数",
        "参加人数",
        "出席人員",
        "参加人員",
    ),
    "police_attendees": (
        "警察官",
        "出席者数(警察官)",
        "出席者(警察官)",
        "出席者数警察官",
        "警察官出席者数",
        "警察",
        "出席警察官数",
    ),
    "civilian_attendees": (
        "民間",
        "出席者数(民間)",
        "出席者(民間)",
        "出席者数民間",
        "民間出席者数",
        "民間人",
        "住民等",
        "委員等",
        "一般",
        "一般(住民)",
        "一般出席者",
        "委員",
        "協議会委員",
    ),
    "meeting_type": (
        "会議種別",
        "会議の種別",
        "種別",
        "会議区分",
        "定期・臨時の別",
        "定期臨時の別",
        "会議の別",
        "会議の区分",
        "会議種類",
    ),
    "discussion": (
        "協議内容等",
        "協議内容",
        "協議結果",
        "協議の内容",
        "会議内容",
        "協議概要",
        "協議の概要",
        "協議の結果",
    ),
    "reference": (
        "参考事項(写真添付)",
        "参考事項",
        "参考事項(写真)",
        "写真添付",
        "その他参考事項",
        "その他参考となる事項",
        "特記事項",
    ),
    "officers": ("出席警察官名", "出席警察官", "出席警察官氏名", "出席した警察官"),
    "attachment": ("別添", "添付資料", "別添資料"),
    # Not a field of the record: printed by the template above the title, and by some
    # stations' forms; its value is read (so that it is accounted for) and not kept.
    "manager": ("運営責任者", "運営責任者名"),
}

# Table headers.
AGENDA_CATEGORY = ("区分",)
AGENDA_TOPIC = ("協議事項", "議題", "協議事項(議題)", "協議題")
AGENDA_REMARKS = ("備考", "摘要")
REQUEST = ("要望事項", "要望", "要望・意見", "意見・要望", "要望事項等", "意見")
RESPONSE = (
    "措置・回答",
    "措置回答",
    "措置状況",
    "回答",
    "措置",
    "措置・回答状況",
    "対応・回答",
    "対応",
    "対応状況",
    "対応結果",
    "回答・措置",
    "措置・対応",
)

# Rows of a list written down the sheet, each numbered: 「協議事項1」「要望事項１」「措置・回答1」
# (label_key form, without the number). The list each belongs to.
NUMBERED: dict[str, tuple[str, ...]] = {
    "topic": ("協議事項", "議題"),
    "request": ("要望事項", "要望", "意見・要望", "要望・意見"),
    "response": ("措置・回答", "措置回答", "回答", "措置", "対応", "措置状況"),
}
# Labels on the rows of such a numbered item: 「協議事項1」 then 区分 / 内容 / 備考, or
# 「要望事項1」 then 要望 / 回答. By the list the item belongs to.
SUBLABELS: dict[str, dict[str, str]] = {
    "topic": {
        "区分": "category",
        "内容": "topic",
        "協議事項": "topic",
        "議題": "topic",
        "事項": "topic",
        "備考": "remarks",
    },
    "request": {
        "要望": "request",
        "要望事項": "request",
        "要望内容": "request",
        "内容": "request",
        "回答": "response",
        "措置": "response",
        "措置・回答": "response",
        "回答内容": "response",
        "対応": "response",
    },
}

# Printed words that are not fields: the title, the addressee, the stamp boxes, units.
# They are never read as a value.
DECORATION = (
    "交番・駐在所連絡協議会開催結果報告書",
    "開催結果報告書",
    "地域指導係宛",
    "別記様式",
    "別記様式(2の(9)関係)",
    "署長",
    "副署長",
    "地域交通官",
    "地域課長",
    "課長代理",
    "主任・係",
    "地域官",
    "課長",
    "係長",
    "次長",
    "主任",
    "係",
    "決裁",
    "人",
    "名",
    # the number column of a table
    "No",
    "No.",
    "NO.",
    "№",
    "番号",
    "項番",
    "連番",
)

# Printed sentences of a form that carry no value (the closing line of a report, 記 and
# 以上 around a 記書き, the cover line of a 送付書), in label_key form without a full stop.
BOILERPLATE = (
    "上記のとおり報告します",
    "上記の通り報告します",
    "下記のとおり報告します",
    "下記の通り報告します",
    "次のとおり報告します",
    "標記について下記のとおり報告します",
    "標記のことについて下記のとおり報告します",
    "記",
    "以上",
)

# Headings of a group of fields (printed down the left of the form, or above a block)
# rather than a field: they label nothing by themselves.
SECTIONS = (
    "報告者等",
    "報告者欄",
    "開催状況",
    "開催概要",
    "会議の概要",
    "会議概要",
    "開催内容",
    "会議内容等",
    "報告内容",
    "基本情報",
    "項目",
    "事項",
    "内容",
    "概要",
    "結果",
    "協議",
    "要望",
    "出席者",
    "決裁欄",
    "供覧",
)

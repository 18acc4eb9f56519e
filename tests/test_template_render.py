"""The form prints on exactly one page: converted to PDF by LibreOffice, blank and filled."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest

from toolkit.writing import template as t
from toolkit.writing.fill import FastFiller

pytestmark = pytest.mark.libreoffice

TIMEOUT = 120

LONG_DISCUSSION = "\n".join(
    [
        "交番所長から上半期の活動状況を説明し、管内で自転車盗難が前年同期比で約３割増加していること"
        "を報告した。委員から、駅前駐輪場の照明が暗く夜間の見通しが悪いとの意見があり、"
        "市役所担当課へ照明の増設を要望することとした。",
        "秋季例大祭については、自治会長から例年どおり神輿の巡行経路が示され、交通規制の範囲と"
        "警戒員の配置について協議した。",
        "特殊詐欺の被害防止について、高齢者宅への訪問時に注意喚起のチラシを配布することで"
        "意見が一致した。",
    ]
)

FILLED: dict[str, object] = {
    "affiliation": "中央警察署",
    "reporter": "巡査部長 山田太郎",
    "phone": "0123-456",
    "council_name": "駅前交番連絡協議会",
    "facility_name": "駅前交番",
    "date": date(2026, 10, 15),
    "start_time": time(14, 0),
    "end_time": time(15, 30),
    "venue": "駅前公民館 第一会議室",
    "police_attendees": 3,
    "civilian_attendees": 11,
    "meeting_type": "定期会議",
    "agenda_1_category": "交番等の活動状況",
    "agenda_1_topic": "上半期の交番活動と管内の犯罪発生状況について",
    "agenda_2_category": "地域住民等に身近な事件・事故等の発生状況",
    "agenda_2_topic": "駅前駐輪場における自転車盗難の多発と防犯登録の促進について",
    "agenda_3_category": "地域の祭礼等の催事・行事",
    "agenda_3_topic": "秋季例大祭の雑踏警備と交通規制",
    "discussion": LONG_DISCUSSION,
    "request_1": "駅前駐輪場の照明を増やしてほしい",
    "response_1": "市役所道路管理課に連絡済み（10月20日）",
    "request_2": "通学路のパトロールを強化してほしい",
    "reference": "当日の協議会の様子（写真２枚）",
    "officers": "巡査部長 山田太郎、巡査 鈴木一郎、巡査 佐藤花子",
    "attachment": "資料1 上半期交番活動状況",
}


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("KYOGIKAI_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required but not on PATH")
        pytest.skip("LibreOffice (soffice) is not on PATH")
    return found


def pdf_pages(pdf: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is not None:
        out = subprocess.run(
            [pdfinfo, str(pdf)], capture_output=True, text=True, timeout=TIMEOUT, check=True
        ).stdout
        match = re.search(r"^Pages:\s+(\d+)", out, re.M)
        assert match, out
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def to_pdf(xlsx: Path, tmp_path: Path) -> Path:
    """Convert with a private LibreOffice profile so that parallel runs do not collide."""
    exe = soffice()
    profile = (tmp_path / "lo-profile").as_uri()
    outdir = tmp_path / "pdf"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(xlsx),
        ],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    pdf = outdir / (xlsx.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {xlsx.name}"
    return pdf


def test_blank_prints_the_form_on_one_page_and_the_continuation_on_the_next(
    tmp_path: Path,
) -> None:
    xlsx = tmp_path / "blank.xlsx"
    t.write_template(xlsx)
    assert pdf_pages(to_pdf(xlsx, tmp_path)) == 2  # 報告書, then 続紙


def test_filled_form_prints_on_one_page(tmp_path: Path) -> None:
    xlsx = tmp_path / "filled.xlsx"
    filler = FastFiller(t.template_bytes(t.Prefill(council_id="CK-0001")))
    xlsx.write_bytes(filler.fill(FILLED, council_id="CK-0001"))
    assert pdf_pages(to_pdf(xlsx, tmp_path)) == 2  # the form on one page, the 続紙 after it

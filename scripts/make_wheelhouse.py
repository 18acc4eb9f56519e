"""Make a wheelhouse: kyogikai and every package it needs, as wheel files in one folder,
to carry into a network without internet and install there with pip alone.

On a machine with internet and this source tree (any OS; Python 3.11 or newer with pip):

    python scripts/make_wheelhouse.py --target windows           # for HQ's Windows PC
    python scripts/make_wheelhouse.py --target windows --python 3.12
    python scripts/make_wheelhouse.py                            # for machines like this one

Then, on the machine without internet (see インストール手順.txt in the folder made):

    py -3.11 -m venv C:\\kyogikai\\venv
    C:\\kyogikai\\venv\\Scripts\\python -m pip install --no-index --find-links wheelhouse kyogikai

Targets: `windows` (win_amd64), `linux` (x86_64, glibc 2.28 or newer), `here` (this
machine; the default). Only wheels are taken, never source archives, so nothing is
compiled on the target. pip decides which dependencies a platform needs by the machine it
runs on, so for another platform the wheelhouse is completed here: every requirement the
target platform adds (`; sys_platform == "win32"`, …) is fetched too.
"""

from __future__ import annotations

import argparse
import email.parser
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
except ImportError:  # pip carries its own copy
    from pip._vendor.packaging.markers import Marker  # type: ignore[assignment]
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]

# pip's --platform tags, and the environment markers of each target platform.
PLATFORMS = {"windows": ["win_amd64"], "linux": ["manylinux_2_28_x86_64"]}
MARKERS = {
    "windows": {
        "os_name": "nt",
        "sys_platform": "win32",
        "platform_system": "Windows",
        "platform_machine": "AMD64",
    },
    "linux": {
        "os_name": "posix",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "platform_machine": "x86_64",
    },
}

GUIDE = """\
kyogikai のオフライン・インストール（インターネットのない端末へ）

このフォルダ（wheelhouse）には、kyogikai と動かすのに必要なパッケージがすべて入っています。
対象: {target}、Python {pythons}

1. 端末に Python {which} を入れます。{python_note}
2. 作業用の仮想環境（venv）を作り、このフォルダからインストールします。
   {folder} は、このフォルダの実際の場所に読み替えてください。

{steps}
--no-index を付けているので、pip はインターネットに接続しません。
"""

WINDOWS = {
    "python_note": "python.org のインストーラー（64ビット版）を持ち込み、「py launcher」も一緒に入れます。",
    "folder": "D:\\wheelhouse",
    "steps": """\
   コマンドプロンプトで:
     py -{python} -m venv C:\\kyogikai\\venv
     C:\\kyogikai\\venv\\Scripts\\python -m pip install --no-index --find-links {folder} kyogikai
     C:\\kyogikai\\venv\\Scripts\\kyogikai --version

3. 以後は C:\\kyogikai\\venv\\Scripts\\kyogikai を使います。
""",
}

POSIX = {
    "python_note": "ディストリビューションの python{python} と python{python}-venv で構いません。",
    "folder": "/media/usb/wheelhouse",
    "steps": """\
   端末で:
     python{python} -m venv ~/kyogikai-venv
     ~/kyogikai-venv/bin/python -m pip install --no-index --find-links {folder} kyogikai
     ~/kyogikai-venv/bin/kyogikai --version

3. 以後は ~/kyogikai-venv/bin/kyogikai を使います。
""",
}

TARGET_NAMES = {"windows": "Windows（64ビット）", "linux": "Linux（x86_64）"}


def guide(target: str, pythons: list[str]) -> str:
    """The Japanese install steps written into the wheelhouse."""
    windows = target == "windows" or (target == "here" and sys.platform == "win32")
    parts = WINDOWS if windows else POSIX
    fill = {"python": pythons[0], "folder": parts["folder"]}
    return GUIDE.format(
        target=TARGET_NAMES.get(target, "このフォルダを作った端末と同じ種類の端末"),
        pythons="・".join(pythons),
        which=" または ".join(pythons),
        python_note=parts["python_note"].format(**fill),
        folder=parts["folder"],
        steps=parts["steps"].format(**fill),
    )


def build(target: str, pythons: list[str], dest: Path) -> list[Path]:
    """Fill `dest` with the wheels of kyogikai and of all it needs; the wheels in it."""
    dest.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "--no-deps", "--wheel-dir", str(dest), str(ROOT)])
    ours = max(dest.glob("kyogikai-*.whl"), key=lambda p: p.stat().st_mtime)
    for python in pythons:
        flags = download_flags(target, python)
        run([*pip, "download", "--dest", str(dest), *flags, str(ours)])
        if target != "here":
            for _ in range(5):  # what pip left out because this machine is not the target
                missing = missing_requirements(dest.glob("*.whl"), target, python)
                if not missing:
                    break
                run([*pip, "download", "--dest", str(dest), *flags, *missing])
            else:
                raise SystemExit(f"still missing after five rounds: {', '.join(missing)}")
    # With a byte-order mark and CRLF, so that any Windows editor shows it right.
    (dest / "インストール手順.txt").write_text(
        guide(target, pythons), encoding="utf-8-sig", newline="\r\n"
    )
    return sorted(dest.glob("*.whl"))


def download_flags(target: str, python: str) -> list[str]:
    flags = ["--only-binary=:all:"]
    if target != "here":
        for platform in PLATFORMS[target]:
            flags += ["--platform", platform]
        flags += ["--python-version", python, "--implementation", "cp"]
    return flags


def missing_requirements(wheels: Iterable[Path], target: str, python: str) -> list[str]:
    """Requirements of the wheels that apply on the target platform and that no wheel in
    the set provides (extras are not installed, so theirs do not count)."""
    environment = {**MARKERS[target], "python_version": python, "python_full_version": python}
    environment |= {"implementation_name": "cpython", "platform_python_implementation": "CPython"}
    metadata = {canonical(w.name.split("-")[0]): requires(w) for w in wheels}
    missing: dict[str, str] = {}
    for needs in metadata.values():
        for text in needs:
            requirement = Requirement(text)
            marker: Marker | None = requirement.marker
            if marker is not None and not marker.evaluate({**environment, "extra": ""}):
                continue
            name = canonical(requirement.name)
            if name not in metadata:
                missing[name] = f"{requirement.name}{requirement.specifier}"
    return sorted(missing.values())


def requires(wheel: Path) -> list[str]:
    """The Requires-Dist lines of a wheel's metadata."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        message = email.parser.BytesParser().parsebytes(zf.read(name), headersonly=True)
    return message.get_all("Requires-Dist") or []


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=["here", *PLATFORMS], default="here")
    parser.add_argument(
        "--python",
        action="append",
        help="Python version of the target, e.g. 3.11 (repeatable; default: this Python's)",
    )
    parser.add_argument("--dest", type=Path, default=ROOT / "wheelhouse", help="output folder")
    args = parser.parse_args()
    this = f"{sys.version_info.major}.{sys.version_info.minor}"
    pythons = args.python or [this]
    if args.target == "here" and pythons != [this]:
        parser.error(f"--target here is for this Python ({this}) only")
    wheels = build(args.target, pythons, args.dest)
    print(f"{len(wheels)} wheels in {args.dest}")


if __name__ == "__main__":
    main()

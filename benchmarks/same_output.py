"""Whether a change to the reading pipeline left `kyogikai check --json` unchanged.

    python benchmarks/same_output.py --save before/          # on the code before
    python benchmarks/same_output.py --save after/           # on the code after
    python benchmarks/same_output.py --compare before/ after/

    python benchmarks/same_output.py --root ../other-checkout --save before/

Runs `kyogikai check DIR --json` (standard output and standard error, byte for byte) on
each corpus folder (`tests/corpus/*`, `samples/`), on all of them at once (a run long
enough that files travel in chunks), once more with one worker, and on the corpus layouts
confirmed as HQ would (`kyogikai layout`, then `--confirm` of each proof, with the code
being measured) checked with `--layouts`. `--root` runs the code of another checkout of
the project on this checkout's corpora. The date is fixed (`--as-of`), so runs on
different days compare.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = ["--as-of", "2027-03-31"]


def folders() -> list[Path]:
    corpus = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.is_dir())
    return [*corpus, ROOT / "samples"]


def cli(code: Path) -> list[str]:
    """The command line that runs the CLI from the checkout `code`."""
    boot = (
        f"import sys; sys.path.insert(0, {str(code)!r}); "
        "from toolkit.cli import main; sys.argv[0] = 'kyogikai'; main()"
    )
    return [sys.executable, "-c", boot]


def run(cmd: list[str]) -> bytes:
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode()}")
    text = done.stdout + b"\n--- stderr ---\n" + done.stderr
    return text + f"\n--- exit {done.returncode} ---\n".encode()


def confirmed_layouts(code: Path, out: Path) -> Path:
    """The layouts of the corpus folders proposed and confirmed with no correction."""
    proofs, layouts = out / "proofs", out / "様式"
    sources = [str(p) for p in folders() if p.name in ("blind", "layouts", "legacy")]
    subprocess.run([*cli(code), "layout", *sources, "-o", str(proofs)], cwd=ROOT,
                   capture_output=True, check=False)  # fmt: skip
    for proof in sorted(proofs.glob("*.xlsx")):
        subprocess.run([*cli(code), "layout", "--confirm", str(proof), "--layouts", str(layouts)],
                       cwd=ROOT, capture_output=True, check=True)  # fmt: skip
    return layouts


def save(code: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    base = [*cli(code), "check", "--json", *AS_OF]
    every = [str(p) for p in folders()]
    runs = {f"{p.parent.name}-{p.name}": [*base, str(p)] for p in folders()}
    runs["all"] = [*base, *every]
    runs["all-jobs1"] = [*base, "--jobs", "1", *every]
    layouts = confirmed_layouts(code, out)
    runs["all-layouts"] = [*base, "--layouts", str(layouts), *every]
    for name, cmd in runs.items():
        (out / f"{name}.txt").write_bytes(run(cmd))
        print(f"  {name}", file=sys.stderr)


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.glob("*.txt")} | {p.name for p in b.glob("*.txt")})
    differ = 0
    for name in names:
        left, right = a / name, b / name
        same = left.exists() and right.exists() and left.read_bytes() == right.read_bytes()
        size = left.stat().st_size if left.exists() else 0
        print(f"{'same' if same else 'DIFFERENT':9} {name} ({size:,} bytes)")
        differ += not same
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code runs")
    parser.add_argument("--save", type=Path, help="folder to write the outputs into")
    parser.add_argument("--compare", nargs=2, type=Path, help="two folders of outputs")
    args = parser.parse_args()
    if args.compare:
        raise SystemExit(compare(*args.compare))
    if args.save is None:
        parser.error("--save or --compare")
    save(args.root.resolve(), args.save)


if __name__ == "__main__":
    main()

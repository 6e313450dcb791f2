"""`make bench`: run every tests/bench/bench_*.py, print each figure against its baseline,
and write them all to build/bench.json as [{"name", "value", "unit", "baseline", "ratio"}].

A bench module exposes `run() -> list[dict]`; baseline and ratio are measured in the same run
(or None where a figure has no natural baseline).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "build" / "bench.json"


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"


def main(selected: list[str]) -> int:
    records: list[dict] = []
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    for name in modules:
        if selected and not any(s in name for s in selected):
            continue
        module = importlib.import_module(f"tests.bench.{name}")
        for raw in module.run():
            record = {
                "name": raw["name"],
                "value": raw["value"],
                "unit": raw["unit"],
                "baseline": raw.get("baseline"),
                "ratio": raw.get("ratio"),
            }
            records.append(record)
            ratio = f"  ratio {record['ratio']:.2f}" if record["ratio"] is not None else ""
            print(
                f"{record['name']:<52} {_fmt(record['value']):>12} {record['unit']:<10}"
                f" baseline {_fmt(record['baseline']):>12}{ratio}",
                flush=True,
            )
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(records, indent=2) + "\n")
    print(f"wrote {len(records)} figures to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Keep the Qt Linguist sources (.ts) in step with kiosk/ui/texts.py and compile them to .qm.

  python scripts/translations.py update   # add new texts, keep translations, mark removed ones
  python scripts/translations.py build    # check placeholders, then .ts → .qm (pyside6-lrelease)
  python scripts/translations.py check    # every text translated, placeholders intact (CI)

pyside6-lupdate only sees literal `tr()` / `translate()` calls, not the `_t()` wrapper of
texts.py, so the texts are read here with Python's ast and the .ts XML is merged by hand.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

REPO = Path(__file__).resolve().parents[1]
TEXTS = (REPO / "kiosk" / "ui" / "texts.py",)
TS_DIR = REPO / "resources" / "translations"
LANGUAGES = ("de", "fr", "nl")
CATALOGUE = "kiosk"
DEFAULT_CONTEXT = "kiosk"


@dataclass
class Message:
    """One source text with where it comes from, and (in a .ts) its translation."""

    source: str
    locations: list[tuple[Path, int]] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    translation: str = ""
    kind: str = "unfinished"  # "" (finished), "unfinished", "vanished" or "obsolete"
    translator_comment: str = ""


class ExtractError(Exception):
    pass


def _translate_wrappers(tree: ast.Module) -> dict[str, str]:
    """Functions like `_t(text)` whose body is `*.translate("ctx", text)`: name → context."""
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        param = node.args.args[0].arg
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and _called_name(call) == "translate"
                and len(call.args) >= 2
                and _literal(call.args[0]) is not None
                and isinstance(call.args[1], ast.Name)
                and call.args[1].id == param
            ):
                found[node.name] = str(_literal(call.args[0]))
    return found


def _called_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Finder(ast.NodeVisitor):
    """Collects translate calls with the function they sit in (module level is an error)."""

    def __init__(self, path: Path, wrappers: dict[str, str]) -> None:
        self.path, self.wrappers = path, wrappers
        self.stack: list[str] = []
        self.found: list[tuple[str, ast.expr, str]] = []  # context, text node, function
        self.problems: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name not in self.wrappers or self.stack:
            self.stack.append(node.name)
            self.generic_visit(node)
            self.stack.pop()

    def visit_Call(self, call: ast.Call) -> None:
        name, where = _called_name(call), f"{self.path}:{call.lineno}"
        if name in self.wrappers and call.args:
            context: str | None = self.wrappers[name]
            text_node = call.args[0]
        elif name == "translate" and len(call.args) >= 2:
            context, text_node = _literal(call.args[0]), call.args[1]
        else:
            self.generic_visit(call)
            return
        if context is None or _literal(text_node) is None:
            self.problems.append(f"{where}: {name}() needs a literal string")
        elif not self.stack:
            self.problems.append(f"{where}: translated at import time, before any language")
        else:
            self.found.append((context, text_node, ".".join(self.stack)))
        self.generic_visit(call)


def extract(paths: tuple[Path, ...] = TEXTS) -> dict[str, dict[str, Message]]:
    """Every translatable text in `paths`: context → source → Message, in source order."""
    contexts: dict[str, dict[str, Message]] = {}
    problems: list[str] = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        finder = _Finder(path, _translate_wrappers(tree))
        finder.visit(tree)
        problems += finder.problems
        for context, node, function in finder.found:
            text = str(_literal(node))
            message = contexts.setdefault(context, {}).setdefault(text, Message(text))
            message.locations.append((path, node.lineno))
            message.functions.append(f"{path.stem}.{function}()")
    if problems:
        raise ExtractError("\n".join(problems))
    return contexts


def placeholders(text: str) -> list[str]:
    """The `{fields}` of a format string, sorted: a translation must have exactly these."""
    try:
        return sorted(
            f"{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
            for _, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        )
    except ValueError as exc:  # an unbalanced brace
        return [f"<invalid: {exc}>"]


def ts_path(code: str, directory: Path = TS_DIR) -> Path:
    return directory / f"{CATALOGUE}_{code}.ts"


def read_ts(path: Path) -> dict[str, dict[str, Message]]:
    contexts: dict[str, dict[str, Message]] = {}
    if not path.exists():
        return contexts
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        messages = contexts.setdefault(ctx.findtext("name", ""), {})
        for node in ctx.iter("message"):
            source = node.findtext("source", "")
            tr = node.find("translation")
            messages[source] = Message(
                source,
                translation=(tr.text or "") if tr is not None else "",
                kind=tr.get("type", "") if tr is not None else "unfinished",
                translator_comment=node.findtext("translatorcomment", ""),
            )
    return contexts


def merge(
    old: dict[str, dict[str, Message]], new: dict[str, dict[str, Message]], *, drop: bool
) -> dict[str, dict[str, Message]]:
    """New texts in source order with old translations kept; texts gone from the source are
    kept as "vanished" (lrelease leaves them out) unless `drop`, so no translation is lost."""
    merged: dict[str, dict[str, Message]] = {}
    for context, messages in new.items():
        previous = old.get(context, {})
        out = merged.setdefault(context, {})
        for source, message in messages.items():
            if source in previous:
                kept = previous[source]
                message.translation = kept.translation
                message.translator_comment = kept.translator_comment
                finished = kept.kind in ("", "vanished", "obsolete") and kept.translation
                message.kind = "" if finished else "unfinished"
            out[source] = message
    if not drop:
        for context, messages in old.items():
            out = merged.setdefault(context, {})
            for source, message in messages.items():
                if source not in out and message.translation:
                    message.kind = "vanished"
                    out[source] = message
    return merged


def write_ts(path: Path, code: str, contexts: dict[str, dict[str, Message]]) -> None:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{code}" sourcelanguage="en">',
    ]
    for context, messages in contexts.items():
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for m in messages.values():
            lines.append("    <message>")
            for file, line in m.locations:
                rel = Path(os.path.relpath(file, path.parent)).as_posix()
                lines.append(f'        <location filename={quoteattr(rel)} line="{line}"/>')
            if m.functions:
                lines.append(
                    f"        <extracomment>{escape(', '.join(m.functions))}</extracomment>"
                )
            if m.translator_comment:
                lines.append(
                    f"        <translatorcomment>{escape(m.translator_comment)}</translatorcomment>"
                )
            lines.append(f"        <source>{escape(m.source)}</source>")
            kind = f' type="{m.kind}"' if m.kind else ""
            lines.append(f"        <translation{kind}>{escape(m.translation)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def problems(code: str, directory: Path = TS_DIR, texts: tuple[Path, ...] = TEXTS) -> list[str]:
    """What is wrong with one language: texts missing or unfinished, placeholders changed."""
    found: list[str] = []
    have = read_ts(ts_path(code, directory))
    for context, messages in extract(texts).items():
        for source in messages:
            m = have.get(context, {}).get(source)
            if m is None or m.kind == "vanished":
                found.append(f"{code}: missing: {source!r} (run `update`)")
            elif not m.translation.strip() or m.kind == "unfinished":
                found.append(f"{code}: not translated: {source!r}")
            elif placeholders(m.translation) != placeholders(source):
                found.append(f"{code}: placeholders differ: {source!r} → {m.translation!r}")
    return found


def _lrelease() -> str:
    for candidate in (Path(sys.executable).with_name("pyside6-lrelease"),):
        if candidate.is_file():
            return str(candidate)
    for name in ("pyside6-lrelease", "lrelease"):
        if found := shutil.which(name):
            return found
    raise SystemExit("translations: error: pyside6-lrelease not found (pip install PySide6)")


def _shown(path: Path) -> Path:
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def cmd_update(args: argparse.Namespace) -> int:
    for code in args.languages:
        path = ts_path(code, args.dir)
        merged = merge(read_ts(path), extract(tuple(args.texts)), drop=args.drop_vanished)
        write_ts(path, code, merged)
        todo = sum(m.kind == "unfinished" for ms in merged.values() for m in ms.values())
        gone = sum(m.kind == "vanished" for ms in merged.values() for m in ms.values())
        print(f"{_shown(path)}: {todo} to translate, {gone} no longer used")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    found = [p for code in args.languages for p in problems(code, args.dir, tuple(args.texts))]
    broken = [p for p in found if "placeholders" in p]
    if broken:  # a wrong {field} would raise KeyError on the driver's screen
        print("\n".join(broken), file=sys.stderr)
        return 1
    out: Path = args.out or args.dir
    out.mkdir(parents=True, exist_ok=True)
    tool = _lrelease()
    for code in args.languages:
        qm = out / f"{CATALOGUE}_{code}.qm"
        done = subprocess.run(
            [tool, str(ts_path(code, args.dir)), "-qm", str(qm)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not qm.is_file():
            print(done.stdout + done.stderr, file=sys.stderr)
            return 1
        summary = [line for line in done.stdout.splitlines() if "Generated" in line]
        print(f"{_shown(qm)}: {' '.join(summary).strip()}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    found = [p for code in args.languages for p in problems(code, args.dir, tuple(args.texts))]
    print("\n".join(found) if found else "all texts translated", file=sys.stderr if found else None)
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="translations", description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=TS_DIR, help="where the .ts files live")
    parser.add_argument("--texts", type=Path, action="append", help="source file(s) of texts")
    parser.add_argument(
        "--languages",
        type=lambda v: [c.strip() for c in v.split(",") if c.strip()],
        default=list(LANGUAGES),
        help="comma-separated, default: " + ",".join(LANGUAGES),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    update = sub.add_parser("update", help="merge new texts into the .ts sources")
    update.add_argument(
        "--drop-vanished", action="store_true", help="forget translations of removed texts"
    )
    build = sub.add_parser("build", help="compile .ts to .qm")
    build.add_argument("--out", type=Path, help="where the .qm go (default: next to the .ts)")
    sub.add_parser("check", help="fail unless every text is translated with its placeholders")
    args = parser.parse_args(argv)
    args.texts = args.texts or list(TEXTS)
    try:
        return {"update": cmd_update, "build": cmd_build, "check": cmd_check}[args.command](args)
    except (ExtractError, ET.ParseError) as exc:
        print(f"translations: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())

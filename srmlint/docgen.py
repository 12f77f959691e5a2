"""Generate ``docs/rules.md`` from the rules' own metadata.

The rule list is documentation that must never drift from the code: each
rule already carries its title, severity, layer, rationale, fixes and
examples (``RuleMeta``), so the page is rendered from them and
``tests/test_docs.py`` fails when the committed page differs from what the
live registry renders. Whoever adds or changes a rule regenerates it::

    python -m srmlint.docgen            # rewrite docs/rules.md
    python -m srmlint.docgen --check    # exit 1 if it is out of date

Only srmlint's own plugins are documented (entry points of installed
third-party plugins are not loaded), so the page is the same on every machine.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from srmlint.responsibility import LAYERS
from srmlint.rule import RuleMeta


def _default_output() -> Path:
    """``docs/rules.md`` of the source tree srmlint runs from, else of the
    current folder (an installed srmlint has no docs folder of its own)."""
    root = Path(__file__).resolve().parent.parent
    return root / "docs" / "rules.md" if (root / "pyproject.toml").exists() else Path("docs") / "rules.md"


RULES_MD = _default_output()
COMMAND = "python -m srmlint.docgen"

_FORMATS = {"terraform": ("Terraform", "hcl"), "cloudformation": ("CloudFormation", "yaml")}

#: What each id prefix is about, for the page's index.
CONCERNS: dict[str, str] = {
    "SRM": "the scan itself",
    "ENC": "encryption",
    "NET": "network",
    "IAM": "identity and access",
    "PUB": "public access",
    "LOG": "logging and monitoring",
    "CMP": "compute",
    "BKP": "backup and recovery",
}


def builtin_metas() -> list[RuleMeta]:
    """Every rule srmlint itself ships, SRM000 first, then by id."""
    from srmlint.engine import Engine
    from srmlint.plugins import new_manager

    return Engine(new_manager(entry_points=False)).rule_metas()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _fence(text: str, lang: str) -> list[str]:
    fence = "````" if "```" in text else "```"
    return [f"{fence}{lang}", text.rstrip("\n"), fence]


def render(metas: Sequence[RuleMeta]) -> str:
    out = [
        "# Rules",
        "",
        f"<!-- Generated from the rules' metadata by `{COMMAND}`; do not edit by hand. -->",
        "",
        "Every rule judges a setting that the AWS shared responsibility model leaves to",
        "the customer. `srmlint explain ID` prints the same text in a terminal.",
        "",
        "| id | severity | layer | what |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| [`{m.id}`](#{m.id.lower()}) | {m.severity.label} | {LAYERS.get(m.layer, m.layer)} | {_cell(m.title)} |"
            for m in metas]
    out.append("")
    concern = None
    for m in metas:
        prefix = m.id.rstrip("0123456789")
        if prefix != concern:
            concern = prefix
            out += [f"## {CONCERNS.get(prefix, prefix).capitalize()} ({prefix})", ""]
        # The heading is the bare id so that the anchor is `#enc001`, the
        # form rule URLs into this page use.
        out += [f"### {m.id}", "", f"**{m.title}** (`{m.slug}`)", ""]
        out.append(f"- Severity: {m.severity.label}")
        out.append(f"- Responsibility layer: {LAYERS.get(m.layer, m.layer)}")
        if m.services:
            out.append(f"- Services: {', '.join(f'`{s}`' for s in m.services)}")
        if m.setting:
            out.append(f"- Setting: `{m.setting}`")
        if m.facts:
            out.append(f"- Reads: {', '.join(f'`{f.__name__}`' for f in m.facts)}")
        for option in m.options:
            out.append(f"- Option `{option.name}` (default `{option.default!r}`, in `[tool.srmlint.options]`): "
                       f"{option.help}")
        out.append(f"- Reference: <{m.url}>")
        out += ["", m.rationale, ""]
        if m.aws_default:
            out += [f"**When left unset:** {m.aws_default}", ""]
        for fmt, fix in m.remediation.items():
            title = _FORMATS.get(fmt, (fmt, ""))[0]
            out += [f"**Fix ({title}):** {fix}", ""]
        for fmt, example in m.examples.items():
            title, lang = _FORMATS.get(fmt, (fmt, ""))
            out += [f"Fails ({title}):", "", *_fence(example.fail, lang), "",
                    f"Passes ({title}):", "", *_fence(example.pass_, lang), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m srmlint.docgen", description="Regenerate docs/rules.md.")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/rules.md is out of date")
    parser.add_argument("-o", "--output", type=Path, default=RULES_MD, help="where to write (default: docs/rules.md)")
    args = parser.parse_args(argv)
    text = render(builtin_metas())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            sys.stderr.write(f"{args.output} is out of date: run `{COMMAND}`\n")
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8", newline="\n")
    sys.stdout.write(f"wrote {args.output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

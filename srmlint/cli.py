"""Command line: ``srmlint [PATH ...]``, ``srmlint matrix [PATH ...]``, ``srmlint rules``,
``srmlint explain RULE``.

Exit codes (ruff's convention), decided here and only here:
0 no finding at or above the severity threshold; 1 findings (a template that
cannot be analysed is a finding, SRM000); 2 usage error or internal failure.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence

from srmlint import __version__
from srmlint.rule import RuleMeta, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "matrix", "rules", "explain")
MATRIX_FORMATS = ("text", "markdown", "json")


class UsageError(Exception):
    """A mistake in how srmlint was called: exit 2 with the message."""


def _csv(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="srmlint",
        description=(
            "Lint Terraform and CloudFormation for the security settings the AWS shared "
            "responsibility model leaves to you. Commands: check (default), matrix, rules, explain RULE."
        ),
    )
    parser.add_argument("--version", action="version", version=f"srmlint {__version__}")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to scan (default: .)")
    parser.add_argument("--format", default="text", help="output format: text (default) or json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--select", type=_csv, default=None, metavar="CODES",
                        help="only these rule ids or prefixes, comma-separated (e.g. ENC,IAM001)")
    parser.add_argument("--ignore", type=_csv, default=[], metavar="CODES",
                        help="skip these rule ids or prefixes, comma-separated")
    parser.add_argument("--severity-threshold", default="low", metavar="LEVEL",
                        help="lowest severity that makes the exit code 1: info, low (default), "
                             "medium, high, critical; SRM000 always counts")
    parser.add_argument("--show-unclassified", action="store_true",
                        help="list the AWS resource types the responsibility catalog does not know")
    return parser


def _selector(metas: Sequence[RuleMeta], select: list[str] | None,
              ignore: list[str]) -> Callable[[RuleMeta], bool]:
    known = [m.id for m in metas]
    for code in [*(select or []), *ignore]:
        if code != "ALL" and not any(rule_id.startswith(code) for rule_id in known):
            raise UsageError(f"unknown rule id or prefix: {code} (see `srmlint rules`)")

    def matches(codes: list[str], rule_id: str) -> bool:
        return any(code == "ALL" or rule_id.startswith(code) for code in codes)

    def selected(meta: RuleMeta) -> bool:
        if select is not None and not matches(select, meta.id):
            return False
        return not matches(ignore, meta.id)

    return selected


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with open(output, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def cmd_check(args: argparse.Namespace) -> int:
    from srmlint.engine import Engine
    from srmlint.plugins import default_manager
    from srmlint.reporting import ReportContext

    pm = default_manager()
    reporters = {r.name: r for group in pm.hook.srmlint_reporters() for r in group}
    if args.format not in reporters:
        raise UsageError(f"unknown format {args.format!r} (choose from {', '.join(sorted(reporters))})")
    try:
        threshold = Severity.parse(args.severity_threshold)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    engine = Engine(pm)
    metas = engine.rule_metas()
    selected = _selector(metas, args.select, args.ignore)
    try:
        result = engine.scan(args.paths or ["."], select=selected)
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or directory: {exc.args[0]}") from None
    context = ReportContext(tool_version=__version__, rules={m.id: m for m in metas})
    if args.show_unclassified and args.format == "json":
        from srmlint.reporters.json import dumps, report_dict, unclassified_types

        data = report_dict(result, context)
        data["unclassified_types"] = unclassified_types(result)
        report = dumps(data)
    else:
        report = reporters[args.format].render(result, context)
        if args.show_unclassified and args.format == "text":
            from srmlint.reporters.text import unclassified_lines, unclassified_of

            report += "\n".join(["", *unclassified_lines(unclassified_of(result))]) + "\n"
    _write(report, args.output)
    failing = any(f.rule_id == "SRM000" or f.severity >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def cmd_matrix(argv: Sequence[str]) -> int:
    """The responsibility matrix: a report, not a gate, so it exits 0 even
    when the scan has findings (``srmlint check`` is the gate)."""
    parser = argparse.ArgumentParser(
        prog="srmlint matrix",
        description="Who secures what: per resource, which layers are yours and which AWS's, and how "
                    "the customer-owned settings stand.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to scan (default: .)")
    parser.add_argument("--format", default="text", help="output format: text (default), markdown or json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--show-unclassified", action="store_true",
                        help="list the AWS resource types the responsibility catalog does not know")
    args = parser.parse_args(argv)
    if args.format not in MATRIX_FORMATS:
        raise UsageError(f"unknown format {args.format!r} (choose from {', '.join(MATRIX_FORMATS)})")
    from srmlint import matrix
    from srmlint.engine import Engine
    from srmlint.plugins import default_manager
    from srmlint.reporters import matrix as render

    engine = Engine(default_manager())
    try:
        result = engine.scan(args.paths or ["."])
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or directory: {exc.args[0]}") from None
    built = matrix.build(result, engine.rule_metas())
    if args.format == "json":
        text = render.render_json(built, __version__)
    elif args.format == "markdown":
        text = render.render_markdown(built, args.show_unclassified)
    else:
        text = render.render_text(built, args.show_unclassified)
    _write(text, args.output)
    return EXIT_OK


def _engine_metas() -> list[RuleMeta]:
    from srmlint.engine import Engine
    from srmlint.plugins import default_manager

    return Engine(default_manager()).rule_metas()


def cmd_rules(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="srmlint rules", description="List the rules.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    metas = _engine_metas()
    if args.format == "json":
        import json

        rows = [{"id": m.id, "slug": m.slug, "title": m.title, "severity": m.severity.label,
                 "layer": m.layer, "url": m.url} for m in metas]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_OK
    width = max(len(m.slug) for m in metas)
    for m in metas:
        sys.stdout.write(f"{m.id}  {m.slug:<{width}}  {m.severity.label:<8}  {m.title}\n")
    return EXIT_OK


def cmd_explain(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="srmlint explain", description="Explain one rule.")
    parser.add_argument("rule", help="rule id (e.g. ENC001) or slug")
    args = parser.parse_args(argv)
    from srmlint.responsibility import LAYERS

    wanted = args.rule.strip()
    for m in _engine_metas():
        if wanted.upper() == m.id or wanted == m.slug:
            out = [f"{m.id} ({m.slug}): {m.title}", "",
                   f"Severity: {m.severity.label}",
                   f"Responsibility: customer-owned layer '{LAYERS.get(m.layer, m.layer)}'", "",
                   "Why:", textwrap.fill(m.rationale, 88, initial_indent="  ", subsequent_indent="  "), ""]
            if m.aws_default:
                out += ["When left unset:", textwrap.fill(m.aws_default, 88, initial_indent="  ",
                                                          subsequent_indent="  "), ""]
            for fmt, text in m.remediation.items():
                out += [f"Fix ({fmt}):", textwrap.fill(text, 88, initial_indent="  ", subsequent_indent="  "), ""]
            for fmt, example in m.examples.items():
                out += [f"Fails ({fmt}):", textwrap.indent(example.fail.rstrip(), "    "), "",
                        f"Passes ({fmt}):", textwrap.indent(example.pass_.rstrip(), "    "), ""]
            out.append(f"Docs: {m.url}")
            sys.stdout.write("\n".join(out) + "\n")
            return EXIT_OK
    raise UsageError(f"unknown rule: {args.rule} (see `srmlint rules`)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "rules":
            return cmd_rules(argv[1:])
        if argv and argv[0] == "explain":
            return cmd_explain(argv[1:])
        if argv and argv[0] == "matrix":
            return cmd_matrix(argv[1:])
        if argv and argv[0] == "check":
            argv = argv[1:]
        args = build_parser().parse_args(argv)
        return cmd_check(args)
    except UsageError as exc:
        sys.stderr.write(f"srmlint: error: {exc}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # an internal failure is exit 2, never a silent pass
        import traceback

        sys.stderr.write(f"srmlint: internal error: {type(exc).__name__}: {exc}\n")
        traceback.print_exc(file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())

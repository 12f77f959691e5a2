"""Command line: ``srmlint [PATH ...]``, ``srmlint matrix [PATH ...]``, ``srmlint rules``,
``srmlint explain RULE``.

Exit codes (ruff's convention), decided here and only here:
0 no finding at or above the severity threshold; 1 findings (a template that
cannot be analysed is a finding, SRM000); 2 usage error or internal failure.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from srmlint import __version__

if TYPE_CHECKING:
    # Type names only: importing the rule model costs more than a whole
    # `srmlint --version` may take, so the commands import what they run.
    from srmlint.config import Config
    from srmlint.engine import Engine, ScanOptions, ScanResult
    from srmlint.fixes import FixRegistry
    from srmlint.fixes.runner import FixOutcome
    from srmlint.resolve import ResolveOptions, ResolveStats
    from srmlint.rule import RuleMeta

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "matrix", "rules", "explain")
MATRIX_FORMATS = ("text", "markdown", "json")
#: Below this many files a scan is over before a progress bar would help.
PROGRESS_MIN_FILES = 300


class UsageError(Exception):
    """A mistake in how srmlint was called: exit 2 with the message."""


#: The garbage collector's thresholds during a scan (see cmd_check); the
#: benchmarks measure under the same ones.
GC_THRESHOLDS = (100_000, 50, 100)


def _frameworks(value: str) -> frozenset[str]:
    names = {part.strip().lower() for part in value.split(",") if part.strip()}
    aliases = {"tf": "terraform", "terraform": "terraform", "cfn": "cloudformation",
               "cloudformation": "cloudformation"}
    unknown = sorted(names - set(aliases))
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown framework {', '.join(unknown) or repr(value)} "
                                         "(choose from terraform, cloudformation)")
    return frozenset(aliases[n] for n in names)


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
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to scan (default: .); - reads one template from standard input")
    parser.add_argument("--framework", type=_frameworks, default=None, metavar="NAMES",
                        help="only these formats, comma-separated: terraform, cloudformation (default: both)")
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="with -: the name standard input is reported under, which also tells its format "
                             "(main.tf, stack.yaml); without it the format is guessed from the content")
    parser.add_argument("--format", default=None, help="output format (default: text; see README)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--select", type=_csv, default=None, metavar="CODES",
                        help="only these rule ids or prefixes, comma-separated (e.g. ENC,IAM001); "
                             "replaces the configuration's select")
    parser.add_argument("--ignore", type=_csv, default=[], metavar="CODES",
                        help="skip these rule ids or prefixes, comma-separated; adds to the configuration's")
    parser.add_argument("--severity-threshold", default=None, metavar="LEVEL",
                        help="lowest severity that makes the exit code 1: info, low (default), "
                             "medium, high, critical; findings below it are still printed; SRM000 always counts")
    parser.add_argument("--config", metavar="FILE",
                        help="read this configuration file instead of looking for .srmlint.toml / pyproject.toml")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--no-inline-suppressions", action="store_true",
                        help="report findings even where a srmlint:ignore comment or Metadata accepts them")
    parser.add_argument("--report-unused-suppressions", action="store_true",
                        help="report suppressions that matched no finding (SRM001)")
    parser.add_argument("--baseline", metavar="FILE",
                        help="findings recorded in FILE are reported as baselined and do not fail the run")
    parser.add_argument("--write-baseline", metavar="FILE",
                        help="record every current finding in FILE (and exit 0)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="color the text output (auto: on a terminal, unless NO_COLOR is set)")
    parser.add_argument("--show-unclassified", action="store_true",
                        help="list the AWS resource types the responsibility catalog does not know")
    parser.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                        help="worker processes that read files (default: the number of cores; 1: none); "
                             "used only for large scans")
    parser.add_argument("--no-cache", action="store_true", help="do not use or fill the parse cache")
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE",
                        help="a Terraform variable value for every scanned root module (as terraform -var)")
    parser.add_argument("--var-file", action="append", default=[], metavar="FILE",
                        help="a .tfvars / .tfvars.json file of Terraform variable values (as terraform -var-file)")
    parser.add_argument("--parameter", action="append", default=[], metavar="KEY=VALUE",
                        help="a CloudFormation parameter value (overrides its Default)")
    parser.add_argument("--stats", action="store_true",
                        help="print to stderr how many attribute values stayed statically unknown")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="parse cache folder (default: $XDG_CACHE_HOME/srmlint, i.e. ~/.cache/srmlint)")
    parser.add_argument("--diff", action="store_true",
                        help="print every available fix as a unified diff and change nothing "
                             "(exit 1 when there is a fix)")
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe fixes in place (in-place updates that break nothing), then report "
                             "what remains")
    parser.add_argument("--unsafe-fixes", action="store_true",
                        help="with --fix: also apply fixes that replace resources or may break clients")
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return jobs


def _cpus() -> int:
    """Cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _check_codes(codes: Sequence[str], known: Sequence[str], where: str) -> None:
    for code in codes:
        if code != "ALL" and not any(rule_id.startswith(code) for rule_id in known):
            raise UsageError(f"{where}: unknown rule id or prefix: {code} (see `srmlint rules`)")


def _matches(codes: Sequence[str], rule_id: str) -> bool:
    return any(code == "ALL" or rule_id.startswith(code) for code in codes)


def _selector(metas: Sequence[RuleMeta], select: Sequence[str] | None,
              ignore: Sequence[str]) -> Callable[[RuleMeta], bool]:
    def selected(meta: RuleMeta) -> bool:
        if select is not None and not _matches(select, meta.id):
            return False
        return not _matches(ignore, meta.id)

    return selected


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with open(output, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _load_config(args: argparse.Namespace) -> Config:
    from srmlint import config

    try:
        if args.isolated:
            return config.Config()
        if args.config:
            return config.load(Path(args.config))
        return config.discover((args.paths or ["."])[0])
    except config.ConfigError as exc:
        raise UsageError(str(exc)) from None


def _use_color(choice: str, output: str | None) -> bool:
    if choice != "auto":
        return choice == "always"
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _progress(output: str | None) -> Callable[[int, int], None] | None:
    """A progress bar on stderr, only for a person watching a large scan."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        width = 30
        filled = width * done // total
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files{end}")
        sys.stderr.flush()

    return show


def cmd_check(args: argparse.Namespace) -> int:
    from srmlint import baseline as baselines
    from srmlint.config import matches
    from srmlint.engine import STDIN, Engine, ScanOptions
    from srmlint.plugins import default_manager
    from srmlint.reading import default_cache_dir
    from srmlint.reporting import ReportContext
    from srmlint.rule import Severity

    # A scan allocates many long-lived objects and frees few: the default GC
    # thresholds re-walk the growing heap again and again (12% of a 20k-resource
    # scan's CPU). Raised as mypy does; only in the CLI process, never for a
    # program that imports srmlint.
    gc.set_threshold(*GC_THRESHOLDS)
    cfg = _load_config(args)
    where = str(cfg.path) if cfg.path else "configuration"
    pm = default_manager()
    reporters = {r.name: r for group in pm.hook.srmlint_reporters() for r in group}
    fmt = args.format or cfg.format or "text"
    if fmt not in reporters:
        origin = "--format" if args.format else f"{where}: `format`"
        raise UsageError(f"{origin}: unknown format {fmt!r} (choose from {', '.join(sorted(reporters))})")
    try:
        threshold = Severity.parse(args.severity_threshold or cfg.severity_threshold or "low")
    except ValueError as exc:
        origin = "--severity-threshold" if args.severity_threshold else f"{where}: `severity-threshold`"
        raise UsageError(f"{origin}: {exc}") from None
    engine = Engine(pm)
    metas = engine.rule_metas()
    known = [m.id for m in metas]
    _check_codes(args.select or [], known, "--select")
    _check_codes(args.ignore, known, "--ignore")
    _check_codes(cfg.select or [], known, f"{where}: `select`")
    _check_codes(cfg.ignore, known, f"{where}: `ignore`")
    _check_options(cfg.options, metas, where)
    for glob, codes in cfg.per_file_ignores.items():
        _check_codes(codes, known, f"{where}: `per-file-ignores.{glob}`")
    select = args.select if args.select is not None else cfg.select
    selected = _selector(metas, select, [*cfg.ignore, *args.ignore])
    if args.fix:
        _refuse_unfixable_paths(args.paths)
    stdin = _read_stdin(args) if STDIN in (args.paths or ()) else None
    options = ScanOptions(
        exclude=(lambda path: matches(path, cfg.exclude, cfg.root)) if cfg.exclude else ScanOptions().exclude,
        inline_suppressions=cfg.inline_suppressions and not args.no_inline_suppressions,
        report_unused_suppressions=cfg.report_unused_suppressions or args.report_unused_suppressions,
        progress=_progress(args.output),
        jobs=args.jobs or _cpus(),
        cache_dir=None if args.no_cache else (args.cache_dir or default_cache_dir()),
        resolve=_resolve_options(args, cfg),
        stdin=stdin,
        formats=args.framework,
        rule_options=cfg.options,
    )
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix (or --diff)")

    if args.fix and args.diff:
        raise UsageError("--fix and --diff cannot be used together")
    if (args.fix or args.diff) and (args.baseline or args.write_baseline):
        raise UsageError("--fix/--diff cannot be combined with --baseline/--write-baseline")
    if args.diff:
        return _diff(engine, args, selected, options, _stdin_text(stdin))
    fix_outcome = None
    try:
        if args.fix:
            result, fix_outcome = _fix(engine, args, selected, options)
        else:
            result = engine.scan(args.paths or ["."], select=selected, options=options)
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or directory: {exc.args[0]}") from None
    if options.resolve.stats is not None:
        _print_stats(options.resolve.stats)
    if cfg.per_file_ignores:
        result.findings = [
            f for f in result.findings
            if not any(_matches(codes, f.rule_id) and matches(f.file, [glob], cfg.root)
                       for glob, codes in cfg.per_file_ignores.items())
        ]
    baseline_path = args.baseline or (str(cfg.root / cfg.baseline) if cfg.baseline else None)
    try:
        if args.write_baseline:
            count = baselines.write(Path(args.write_baseline), result.findings)
            sys.stderr.write(f"srmlint: wrote {count} finding(s) to the baseline {args.write_baseline}\n")
            result.findings = baselines.apply(result.findings, Path(args.write_baseline))
        elif baseline_path:
            result.findings = baselines.apply(result.findings, Path(baseline_path))
    except baselines.BaselineError as exc:
        raise UsageError(str(exc)) from None
    if fix_outcome is None:
        _mark_fixable(result, _stdin_text(stdin))
    context = ReportContext(tool_version=__version__, rules={m.id: m for m in metas},
                            color=_use_color(args.color, args.output),
                            fix_mode=None if fix_outcome is None else ("unsafe" if args.unsafe_fixes else "fix"),
                            unsafe_fixes=bool(args.unsafe_fixes))
    if fix_outcome is not None and fmt != "text":  # the text report ends with this line itself
        from srmlint.reporters.text import fix_summary

        sys.stderr.write(f"srmlint: {fix_summary(result, context.fix_mode)}\n")
    if args.show_unclassified and fmt == "json":
        from srmlint.reporters.json import dumps, report_dict, unclassified_types

        data = report_dict(result, context)
        data["unclassified_types"] = unclassified_types(result)
        report = dumps(data)
    else:
        try:
            report = reporters[fmt].render(result, context)
        except Exception as exc:
            # No report can stand in for the one that failed: exit 2 naming the
            # reporter, and write no partial report to --output.
            raise RuntimeError(f"the {fmt!r} reporter failed: {type(exc).__name__}: {exc}") from exc
        if args.show_unclassified and fmt == "text":
            from srmlint.reporters.text import unclassified_lines, unclassified_of

            report += "\n".join(["", *unclassified_lines(unclassified_of(result))]) + "\n"
    _write(report, args.output)
    failing = any(
        not f.suppressed and (f.rule_id == "SRM000" or f.severity >= threshold) for f in result.findings
    )
    if fix_outcome is not None and fix_outcome.rolled_back:
        return EXIT_ERROR  # a fix that breaks the file or leaves its finding is a bug in srmlint
    return EXIT_FINDINGS if failing else EXIT_OK


def _check_options(options: Mapping[str, object], metas: Sequence[RuleMeta], where: str) -> None:
    """Every configured rule option exists and has its default's type (a typo must not pass silently)."""
    declared = {o.name: o for m in metas for o in m.options}
    for name, value in options.items():
        option = declared.get(name)
        if option is None:
            known = ", ".join(sorted(declared)) or "none"
            raise UsageError(f"{where}: unknown rule option `{name}` in `options` (known: {known})")
        kind = type(option.default)
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise UsageError(f"{where}: `options.{name}` must be a {kind.__name__}, like its default "
                             f"{option.default!r}")


def _read_stdin(args: argparse.Namespace) -> tuple[str, bytes]:
    """Standard input as (the name findings carry, its bytes), read once and
    no further than the size limit (the reader reports what is over it)."""
    from srmlint.engine import STDIN_NAME
    from srmlint.reading import MAX_FILE_BYTES

    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1) if sys.stdin is not None else b""
    return (args.stdin_filename or STDIN_NAME), data


def _refuse_unfixable_paths(paths: Sequence[str]) -> None:
    """``--fix`` writes files in place: standard input has none, and a plan JSON
    is generated by ``terraform show -json`` (the fix belongs in the ``.tf``
    configuration it came from). Named, they are refused; a plan found in a
    folder is scanned but never edited."""
    from srmlint.engine import STDIN
    from srmlint.parsers.tfplan import looks_like_plan
    from srmlint.reading import MAX_FILE_BYTES

    if STDIN in paths:
        raise UsageError("--fix cannot edit standard input: use --diff to see the fixes as a patch")
    for path in paths:
        if path.lower().endswith(".json") and os.path.isfile(path):
            try:
                with open(path, "rb") as fh:
                    head = fh.read(MAX_FILE_BYTES)
            except OSError:
                continue
            if looks_like_plan(head):
                raise UsageError(f"--fix does not edit {path}: it is a Terraform plan (generated by terraform "
                                 "show -json); fix the .tf configuration it was planned from")


def _fix_registry() -> FixRegistry:
    from srmlint.fixes import FixRegistry
    from srmlint.plugins import default_manager

    return FixRegistry.from_plugins(default_manager())


def _stdin_text(stdin: tuple[str, bytes] | None) -> dict[str, str]:
    """Standard input's text by its name, for fix planning (empty when not UTF-8: no fix offered)."""
    if stdin is None:
        return {}
    try:
        return {stdin[0]: stdin[1].decode("utf-8")}
    except UnicodeDecodeError:
        return {}


def _mark_fixable(result: ScanResult, preloaded: Mapping[str, str]) -> None:
    """Mark the findings that have a fix (the text report's ``[*]`` and JSON
    ``fix``); reads only the files of findings whose rule has one."""
    from srmlint.fixes.runner import SourceCache, annotate, plan

    registry = _fix_registry()
    if any(f.rule_id in registry for f in result.findings):
        annotate(result, plan(result, registry, SourceCache(preloaded)))


def _diff(engine: Engine, args: argparse.Namespace, selected: Callable[[RuleMeta], bool],
          options: ScanOptions, preloaded: Mapping[str, str]) -> int:
    """``--diff``: a unified diff of every available fix, safe or not; writes no file."""
    from srmlint.fixes.runner import SourceCache, plan, unified_diffs

    try:
        result = engine.scan(args.paths or ["."], select=selected, options=options)
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or directory: {exc.args[0]}") from None
    sources = SourceCache(preloaded)
    planned = plan(result, _fix_registry(), sources)
    _write(unified_diffs(planned, sources, engine.parsers), args.output)
    for fix in planned:
        f = fix.finding
        safety = "safe" if fix.safe else f"unsafe: {fix.reason}"
        sys.stderr.write(f"{f.file}:{f.line}: {f.rule_id} {fix.proposal.description}  [{safety}]\n")
    safe = sum(1 for p in planned if p.safe)
    sys.stderr.write(f"srmlint: {len(planned)} fix(es) available: {safe} safe (--fix), "
                     f"{len(planned) - safe} unsafe (--fix --unsafe-fixes)\n")
    return EXIT_FINDINGS if planned else EXIT_OK


def _fix(engine: Engine, args: argparse.Namespace, selected: Callable[[RuleMeta], bool],
         options: ScanOptions) -> tuple[ScanResult, FixOutcome]:
    """``--fix``: apply fixes in passes, say on stderr what was done and what was not."""
    from srmlint.fixes.runner import run_fixes

    result, outcome = run_fixes(lambda: engine.scan(args.paths or ["."], select=selected, options=options),
                                _fix_registry(), engine.parsers, unsafe=args.unsafe_fixes)
    for fix, why in outcome.rolled_back:
        f = fix.finding
        sys.stderr.write(f"srmlint: bug: fix of {f.rule_id} at {f.file}:{f.line} ({fix.proposal.description}) "
                         f"was rolled back: {why}\n")
    for path, why in outcome.skipped_files:
        sys.stderr.write(f"srmlint: {path}: {why}\n")
    return result, outcome


def cmd_matrix(argv: Sequence[str]) -> int:
    """The responsibility matrix: a report, not a gate, so it exits 0 even
    when the scan has findings (``srmlint check`` is the gate)."""
    parser = argparse.ArgumentParser(
        prog="srmlint matrix",
        description="Who secures what: per resource, which layers are yours and which AWS's, and how "
                    "the customer-owned settings stand.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to scan (default: .); - reads one template from standard input")
    parser.add_argument("--framework", type=_frameworks, default=None, metavar="NAMES",
                        help="only these formats, comma-separated: terraform, cloudformation (default: both)")
    parser.add_argument("--stdin-filename", metavar="NAME",
                        help="with -: the name standard input is reported under, which also tells its format "
                             "(main.tf, stack.yaml); without it the format is guessed from the content")
    parser.add_argument("--format", default="text",
                        help="output format: text (default), markdown or json; html too with --compare/--base")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--show-unclassified", action="store_true",
                        help="list the AWS resource types the responsibility catalog does not know")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"),
                        help="compare two designs (files or folders, either format): the layers that change owner")
    parser.add_argument("--base", metavar="REF",
                        help="compare PATH as it is in git revision REF with PATH as it is now (read from git's "
                             "objects; the working tree, index and refs are never touched)")
    parser.add_argument("--fail-on-shift-to-customer", action="store_true",
                        help="with --compare/--base: exit 1 when a layer moves toward you (aws → shared/customer, "
                             "shared → customer)")

    def one_line(message: str) -> NoReturn:
        raise UsageError(f"matrix: {message}")

    parser.error = one_line  # type: ignore[method-assign]
    args = parser.parse_args(argv)
    if args.compare is not None or args.base is not None:
        return _matrix_compare(args)
    if args.fail_on_shift_to_customer:
        raise UsageError("--fail-on-shift-to-customer needs --compare BEFORE AFTER or --base REF")
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


def _resolve_options(args: argparse.Namespace, cfg: Config) -> ResolveOptions:
    """Values from outside the templates: the configuration's tables, then the command line."""
    from srmlint.resolve import ResolveOptions, ResolveStats
    from srmlint.resolve.terraform import TerraformInputs, load_var_file, parse_var_assignment

    try:
        cli_vars = dict(parse_var_assignment(text) for text in args.var)
        var_files = tuple(load_var_file(path) for path in args.var_file)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    parameters: dict[str, object] = dict(cfg.parameters)
    for text in args.parameter:
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--parameter expects KEY=VALUE, got {text!r}")
        parameters[key.strip()] = value
    return ResolveOptions(
        terraform=TerraformInputs(config=cfg.variables, var_files=var_files, cli=cli_vars),
        parameters=parameters,
        stats=ResolveStats() if args.stats else None,
    )


def _print_stats(stats: ResolveStats) -> None:
    def share(unknown: int, values: int) -> str:
        return f"{unknown}/{values} ({100 * unknown / values:.1f}%)" if values else "0/0"

    sys.stderr.write(
        f"srmlint: attribute values statically unknown: {share(stats.unknown_after, stats.values_after)} "
        f"(before resolving variables, parameters and modules: {share(stats.unknown_before, stats.values_before)}); "
        f"{stats.module_resources} resource(s) from local module calls, "
        f"{stats.skipped_resources} never created (count = 0, false Condition)\n")
    if stats.opaque_modules:
        names = ", ".join(f"{source} ({n})" if n > 1 else source for source, n in sorted(stats.opaque_modules.items()))
        sys.stderr.write(f"srmlint: module calls not analysed (no local source, no download under .terraform/modules, "
                         f"no shim shipped with srmlint): {names}\n")
    if stats.module_files:
        folders = sorted({os.path.dirname(path) for path in stats.module_files})
        sys.stderr.write(f"srmlint: module sources read from outside the scanned paths: "
                         f"{len(stats.module_files)} file(s) in {', '.join(folders)}\n")


def _matrix_compare(args: argparse.Namespace) -> int:
    """``matrix --compare BEFORE AFTER`` / ``matrix --base REF [PATH]``: a
    report like the matrix (exit 0), unless ``--fail-on-shift-to-customer``
    makes it a gate on layers moving onto the customer (exit 1)."""
    from srmlint import compare, gitrev
    from srmlint.engine import Engine
    from srmlint.plugins import default_manager
    from srmlint.reporters import compare as render

    if args.compare is not None and args.base is not None:
        raise UsageError("--compare and --base cannot be used together")
    if args.compare is not None and args.paths:
        raise UsageError("--compare takes its two designs as BEFORE AFTER; no other PATH")
    if args.base is not None and len(args.paths) > 1:
        raise UsageError("--base compares one PATH (default: .)")
    if args.show_unclassified:
        raise UsageError("--show-unclassified lists one scan's types: use it without --compare/--base")
    if args.format not in render.FORMATS:
        raise UsageError(f"unknown format {args.format!r} (choose from {', '.join(render.FORMATS)})")
    engine = Engine(default_manager())
    try:
        if args.compare is not None:
            result = compare.compare_paths(engine, *args.compare)
        else:
            result = compare.compare_base(engine, args.base, (args.paths or ["."])[0])
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or directory: {exc.args[0]}") from None
    except gitrev.GitError as exc:
        raise UsageError(str(exc)) from None
    _write(render.render(result, args.format), args.output)
    for side, design in (("BEFORE", result.before), ("AFTER", result.after)):
        if design.parse_errors:
            sys.stderr.write(f"srmlint: the comparison is partial: {side} ({design.path}) has "
                             f"{design.parse_errors} file(s) that could not be (fully) analysed (SRM000)\n")
    if args.fail_on_shift_to_customer and result.toward_customer:
        return EXIT_FINDINGS
    return EXIT_OK


def _engine_metas() -> list[RuleMeta]:
    from srmlint.engine import Engine
    from srmlint.plugins import default_manager

    return Engine(default_manager()).rule_metas()


def _formats(meta: RuleMeta) -> list[str]:
    return [fmt for fmt in ("terraform", "cloudformation") if fmt in meta.remediation]


def cmd_rules(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="srmlint rules", description="List the rules.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    metas = _engine_metas()
    registry = _fix_registry()
    fixes = {m.id: registry.safety(m.id) for m in metas}
    if args.format == "json":
        import json

        records = [{"id": m.id, "slug": m.slug, "title": m.title, "severity": m.severity.label,
                    "layer": m.layer, "formats": _formats(m), "url": m.url, "fix": fixes[m.id] or None}
                   for m in metas]
        sys.stdout.write(json.dumps(records, indent=2) + "\n")
        return EXIT_OK
    short = {"terraform": "tf", "cloudformation": "cfn"}
    rows = [(m.id, m.severity.label, m.layer, ",".join(short[f] for f in _formats(m)),
             _fix_cell(fixes[m.id], _formats(m)), m.title) for m in metas]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)]
        sys.stdout.write("  ".join([*cells, row[5]]) + "\n")
    return EXIT_OK


def _fix_cell(safety: Mapping[str, str], formats: Sequence[str]) -> str:
    """``fix:safe`` / ``fix:unsafe`` when every format of the rule has a fix of
    that safety, else per format (``fix:tf=safe,cfn=unsafe``, ``fix:cfn=safe``);
    ``-`` without a fix."""
    if not safety:
        return "-"
    if list(safety) == list(formats) and len(set(safety.values())) == 1:
        return f"fix:{next(iter(safety.values()))}"
    short = {"terraform": "tf", "cloudformation": "cfn"}
    return "fix:" + ",".join(f"{short[fmt]}={value}" for fmt, value in safety.items())


def _aws_defaults(meta: RuleMeta) -> list[tuple[str, str]]:
    """What AWS does when the rule's setting is left unset, per service."""
    if meta.setting is None:
        return []
    from srmlint.engine import Engine
    from srmlint.plugins import default_manager

    services = Engine(default_manager()).catalog.services
    return [
        (service.name, service.aws_defaults[meta.setting])
        for service in services
        if meta.setting in service.aws_defaults and (not meta.services or service.id in meta.services)
    ]


def cmd_explain(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="srmlint explain", description="Explain one rule.")
    parser.add_argument("rule", help="rule id (e.g. ENC001) or slug")
    args = parser.parse_args(argv)
    from srmlint.responsibility import LAYERS

    def para(text: str) -> str:
        return textwrap.fill(text, 88, initial_indent="  ", subsequent_indent="  ")

    wanted = args.rule.strip()
    for m in _engine_metas():
        if wanted.upper() != m.id and wanted != m.slug:
            continue
        out = [f"{m.id} ({m.slug}): {m.title}", "",
               f"Severity: {m.severity.label}",
               f"Responsibility: customer-owned layer '{LAYERS.get(m.layer, m.layer)}'",
               f"Formats: {', '.join(_formats(m))}", "",
               "Why:", para(m.rationale), ""]
        defaults = _aws_defaults(m)
        if defaults or m.aws_default:
            out.append("What AWS does when you leave it unset:")
            out += [para(f"{name}: {text}") for name, text in defaults]
            if m.aws_default and not defaults:
                out.append(para(m.aws_default))
            out.append("")
        for fmt, text in m.remediation.items():
            out += [f"Fix ({fmt}):", para(text), ""]
        if m.options:
            out += ["Options ([tool.srmlint.options]):",
                    *(para(f"{o.name} = {o.default!r}: {o.help}") for o in m.options), ""]
        safety = _fix_registry().safety(m.id)
        if safety:
            words = {"safe": "safe (applied by --fix)", "unsafe": "unsafe (applied by --fix --unsafe-fixes only; "
                                                                  "the report says why per resource)"}
            out += ["Autofix:", *(para(f"{fmt}: {words[value]}") for fmt, value in safety.items()), ""]
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

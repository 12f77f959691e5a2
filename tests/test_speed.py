"""What keeps srmlint fast must not change what it says (issue 12): lazy
imports, the parse cache, parallel reading and the cheap entry-point scan.
No timings here; bench/compare.py is where the numbers are."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from srmlint import reading
from srmlint.cli import main
from srmlint.discover import Candidate
from srmlint.engine import Engine
from srmlint.model import Location, ParsedFile, Unknown
from srmlint.plugins import BUILTIN_PLUGINS, new_manager

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def test_importing_the_cli_stays_light() -> None:
    """`srmlint --version` and argument errors must not pay for heavy libraries."""
    heavy = ("cfnlint", "samtranslator", "rich", "jsonschema", "hcl2")
    code = ("import sys, srmlint.cli; "
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == ""


def test_version_does_not_load_the_engine() -> None:
    code = "import sys, srmlint.cli; print('srmlint.engine' in sys.modules, 'srmlint.rule' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]


def _parsed(engine: Engine, paths: list[Path]) -> list[ParsedFile]:
    from srmlint.discover import discover

    return reading.read_all(list(discover([str(p) for p in paths], engine.parsers)))


def test_parsed_files_pickle_with_unknowns_and_expressions(engine: Engine) -> None:
    files = _parsed(engine, [EXAMPLES])
    assert files
    unknowns = [v for pf in files for r in pf.resources for v in r.attributes.values() if isinstance(v, Unknown)]
    assert unknowns, "the examples should hold static-unknown values"
    for pf in files:
        assert reading.loads(reading.dumps(pf)) == pf


def test_cache_hits_and_survives_corrupt_entries(engine: Engine, tmp_path: Path) -> None:
    template = EXAMPLES / "terraform" / "insecure" / "api-ec2" / "main.tf"
    parser = next(p for p in engine.parsers if p.claims(str(template)))
    cache = reading.ParseCache(str(tmp_path / "cache"))
    first = cache.read(str(template), parser)
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(entries) == 1
    assert cache.read(str(template), parser) == first
    for garbage in (b"", b"not a pickle", entries[0].read_bytes()[:20],
                    b"\x80\x04cos\nsystem\n\x94."):  # a global the cache must refuse
        entries[0].write_bytes(garbage)
        assert cache.read(str(template), parser) == first  # a miss: parsed again, entry rewritten
    assert all(p.is_relative_to(tmp_path / "cache") for p in tmp_path.rglob("*") if p.is_file())


def test_cli_cache_writes_only_in_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.rglob("*"))
    args = [str(EXAMPLES), "--format", "json", "--cache-dir", str(tmp_path / "c"), "-o", str(tmp_path / "r1.json")]
    assert main(args) == 1
    cold = (tmp_path / "r1.json").read_bytes()
    assert main([*args[:-1], str(tmp_path / "r2.json")]) == 1
    assert (tmp_path / "r2.json").read_bytes() == cold  # a warm cache says the same
    new = {p for p in set(tmp_path.rglob("*")) - before if p.is_file()}
    assert all(p.is_relative_to(tmp_path / "c") or p.name in ("r1.json", "r2.json") for p in new)
    assert any(p.is_relative_to(tmp_path / "c") for p in new)
    assert main([str(EXAMPLES), "--no-cache", "--cache-dir", str(tmp_path / "d"), "-o", os.devnull]) == 1
    assert not (tmp_path / "d").exists()


def test_module_sources_outside_the_scan_go_through_the_cache(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry shim (or a local module outside the scanned folder) is read
    on every scan that calls it: cached like the scanned files, a warm run
    parses neither, and says the same."""
    from srmlint.parsers import terraform as tf_parser

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.tf").write_text(
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n'
        'module "own" {\n  source = "../shared"\n}\n')
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "main.tf").write_text(
        'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n')
    parsed: list[str] = []
    real = tf_parser.parse_terraform

    def counting(path: str, data: bytes) -> ParsedFile:
        parsed.append(path)
        return real(path, data)

    monkeypatch.setattr(tf_parser, "parse_terraform", counting)
    args = [str(tmp_path / "app"), "--format", "json", "--isolated", "--cache-dir", str(tmp_path / "c")]
    assert main([*args, "-o", str(tmp_path / "cold.json")]) == 1
    assert any("shared" in p for p in parsed) and any("terraform-aws-modules" in p for p in parsed)
    parsed.clear()
    assert main([*args, "-o", str(tmp_path / "warm.json")]) == 1
    assert parsed == []
    assert (tmp_path / "warm.json").read_bytes() == (tmp_path / "cold.json").read_bytes()


def test_bench_parse_share_counts_the_module_sources_the_scan_reads(engine: Engine, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("parse_share", ROOT / "bench" / "parse_share.py")
    assert spec is not None and spec.loader is not None
    parse_share = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parse_share)
    (tmp_path / "main.tf").write_text('module "kms" {\n  source = "terraform-aws-modules/kms/aws"\n}\n')
    sources = parse_share.module_sources(engine, tmp_path)
    assert [Path(c.path).parent.name for c in sources] == ["kms"]
    row = parse_share.measure(engine, tmp_path, rounds=1)
    assert row["module_files"] == 1 and row["parse_s"] > 0 and row["full_s"] > 0


def test_jobs_output_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)  # the examples are few: force the workers
    outputs = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"jobs{jobs}.json"
        assert main([str(EXAMPLES), "--format", "json", "--no-cache", "--jobs", jobs, "-o", str(out)]) == 1
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["findings"]


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([str(EXAMPLES), "--jobs", "0"])
    assert "at least 1" in capsys.readouterr().err


class _DyingParser:
    """A reader whose worker dies on one file, as a C-level crash would."""

    name = "dying"
    module_context = False

    def claims(self, path: str) -> bool:
        return True

    def parse(self, path: str, data: bytes) -> ParsedFile:
        if path.endswith("boom.tf"):
            os._exit(70)
        return ParsedFile(path=path, format=None)


def test_a_worker_crash_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    names = [f"f{i:02}.tf" for i in range(12)] + ["boom.tf"]
    for name in names:
        (tmp_path / name).write_text("# x\n")
    candidates = [Candidate(str(tmp_path / n), _DyingParser()) for n in names]  # type: ignore[arg-type]
    files = reading.read_all(candidates, jobs=2)
    assert [pf.path for pf in files] == [c.path for c in candidates]
    bad = [pf for pf in files if pf.problems]
    assert [pf.path for pf in bad] == [str(tmp_path / "boom.tf")]
    assert "crashed" in bad[0].problems[0].message
    assert bad[0].problems[0].location == Location(str(tmp_path / "boom.tf"), 1, 1)


def _write_plugin(where: Path) -> None:
    (where / "acme_srmlint.py").write_text(
        "from srmlint.hookspecs import hookimpl\n"
        "class R:\n"
        "    name = 'acme'\n"
        "    def render(self, result, context):\n"
        "        return 'acme\\n'\n"
        "@hookimpl\n"
        "def srmlint_reporters():\n"
        "    return [R()]\n")
    info = where / "acme_srmlint-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-srmlint\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[srmlint]\nacme = acme_srmlint\n")


def test_third_party_plugins_load_from_the_entry_point_group(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _write_plugin(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    pm = new_manager()
    assert pm.get_plugin("acme") is not None
    reporters = {r.name for group in pm.hook.srmlint_reporters() for r in group}
    assert "acme" in reporters
    assert all(pm.get_plugin(name) is not None for name in BUILTIN_PLUGINS)
    monkeypatch.delitem(sys.modules, "acme_srmlint")


def test_a_zip_on_the_path_falls_back_to_importlib_metadata(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = tmp_path / "src"
    plugin.mkdir()
    _write_plugin(plugin)
    archive = tmp_path / "acme.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in plugin.rglob("*"):
            if path.is_file():
                zf.write(path, path.relative_to(plugin).as_posix())
    monkeypatch.syspath_prepend(str(archive))
    assert new_manager().get_plugin("acme") is not None
    monkeypatch.delitem(sys.modules, "acme_srmlint")


def _compare_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("srmlint_bench_compare", ROOT / "bench" / "compare.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_bench_compare_arguments_and_table() -> None:
    compare = _compare_module()
    args = compare.build_parser().parse_args(["--rounds", "5", "--corpus", "tf-aws-vpc", "--corpus", "one file"])
    assert args.rounds == 5 and args.corpus == ["tf-aws-vpc", "one file"]
    cases = compare.select_cases(
        [compare.Case("tf-aws-vpc", "terraform", "dir", "/x"), compare.Case("aws-cfn", "cloudformation", "dir", "/y"),
         *compare.precommit_cases()], args.corpus)
    assert [c.name for c in cases] == ["tf-aws-vpc", "one file .tf", "one file .yaml"]
    assert compare.checkov_command(cases[0], "checkov") == [
        "checkov", "-d", "/x", "--framework", "terraform", "--skip-download", "--quiet", "-o", "json"]
    result = compare.CaseResult(cases[0])
    result.srmlint.runs = [compare.Run(0.5, 51200, 1), compare.Run(0.4, 40960, 1), compare.Run(0.6, 61440, 1)]
    result.checkov.runs = [compare.Run(30.0, 307200, 1), compare.Run(20.0, 307200, 1), compare.Run(25.0, 307200, 1)]
    crashed = compare.CaseResult(cases[1])
    crashed.srmlint.runs = [compare.Run(0.1, 30720, 0)]
    crashed.checkov.runs = [compare.Run(2.0, 180000, 2)]
    crashed.checkov.error = "exit 2: TypeError: unhashable type: 'dict'"
    table = compare.format_table([result, crashed])
    row = next(line for line in table.splitlines() if line.startswith("| tf-aws-vpc"))
    assert "0.50 (0.40-0.60)" in row and "25.00 (20.00-30.00)" in row and "| 50.0 " in row and "| 6.0 " in row
    assert "checkov CRASHED: exit 2: TypeError" in table
    data = compare.to_json([result], {"rounds": 3})
    assert data["cases"][0]["time_ratio"] == pytest.approx(50.0)
    assert compare.failure("checkov", compare.Run(1.0, 1, 1), b"not json", b"") is not None
    assert compare.failure("checkov", compare.Run(1.0, 1, 1), b'{"results": {}}', b"") is None

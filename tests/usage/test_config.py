"""Configuration files: found by walking up, strict, overridden by flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srmlint.cli import main

BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n'


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def rule_ids(capsys) -> list[str]:
    return sorted(f["rule_id"] for f in json.loads(capsys.readouterr().out)["findings"] if not f["suppressed"])


def test_pyproject_found_walking_up_from_the_scanned_path(tmp_path: Path, monkeypatch, capsys) -> None:
    tree(tmp_path, {
        "pyproject.toml": '[project]\nname = "x"\n\n[tool.srmlint]\nselect = ["ENC001", "ENC002"]\n'
                          'ignore = ["ENC002"]\nformat = "json"\n',
        "infra/app/main.tf": BUCKET + VOLUME,
    })
    monkeypatch.chdir(tmp_path / "infra")
    assert main(["app"]) == 1
    assert rule_ids(capsys) == ["ENC001"]


def test_srmlint_toml_wins_and_flags_override(tmp_path: Path, monkeypatch, capsys) -> None:
    tree(tmp_path, {
        "pyproject.toml": '[tool.srmlint]\nignore = ["ENC001"]\n',
        ".srmlint.toml": 'select = ["ENC002"]\nformat = "json"\nseverity-threshold = "critical"\n',
        "main.tf": BUCKET + VOLUME,
    })
    monkeypatch.chdir(tmp_path)
    assert main(["."]) == 0  # ENC002 is high, below the configured threshold: printed, not failing
    assert rule_ids(capsys) == ["ENC002"]
    assert main(["--select", "ENC001,ENC002", "--severity-threshold", "high", "."]) == 1
    assert rule_ids(capsys) == ["ENC001", "ENC002"]
    assert main(["--isolated", "--format", "json", "--select", "ENC001,ENC002", "--ignore", "ENC002", "."]) == 1
    assert rule_ids(capsys) == ["ENC001"]


def test_exclude_and_per_file_ignores(tmp_path: Path, monkeypatch, capsys) -> None:
    tree(tmp_path, {
        ".srmlint.toml": (
            'format = "json"\nselect = ["ENC001", "ENC002", "IAM001"]\n'
            'exclude = ["vendor", "legacy/**", "*.generated.tf"]\n'
            '[per-file-ignores]\n"sandbox/*.tf" = ["ENC"]\n'
        ),
        "vendor/m/main.tf": BUCKET,
        "legacy/old/main.tf": BUCKET,
        "x.generated.tf": BUCKET,
        "sandbox/main.tf": BUCKET + VOLUME + 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({Statement = '
                           '[{Effect = "Allow", Action = "*", Resource = "*"}]})\n}\n',
        "prod/main.tf": BUCKET,
    })
    monkeypatch.chdir(tmp_path)
    assert main(["."]) == 1
    report = json.loads(capsys.readouterr().out)
    assert sorted((f["file"], f["rule_id"]) for f in report["findings"]) == [
        ("prod/main.tf", "ENC001"), ("sandbox/main.tf", "IAM001"),
    ]
    # Excludes hold for files named on the command line too (pre-commit passes them).
    assert main(["vendor/m/main.tf", "prod/main.tf"]) == 1
    assert [f["file"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["prod/main.tf"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('selct = ["ENC"]\n', ".srmlint.toml:1: unknown key `selct`"),
        ('format = "json"\nignore = "ENC001"\n', ".srmlint.toml:2: `ignore` must be a list"),
        ('ignore = ["ENC999"]\n', "unknown rule id or prefix: ENC999"),
        ('severity-threshold = "urgent"\n', "`severity-threshold`: unknown severity 'urgent'"),
        ('format = "xml"\n', "`format`: unknown format 'xml'"),
        ("select = [\n", "invalid TOML"),
        ('inline-suppressions = "no"\n', "`inline-suppressions` must be true or false"),
    ],
)
def test_bad_configuration_is_a_clear_error(content: str, expected: str, tmp_path: Path, monkeypatch,
                                            capsys) -> None:
    tree(tmp_path, {".srmlint.toml": content, "main.tf": BUCKET})
    monkeypatch.chdir(tmp_path)
    assert main(["."]) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert ".srmlint.toml" in err


def test_explicit_config_file(tmp_path: Path, monkeypatch, capsys) -> None:
    tree(tmp_path, {"ci/srmlint.toml": 'select = ["ENC001"]\nignore = ["ENC001"]\nformat = "json"\n',
                    "main.tf": BUCKET})
    monkeypatch.chdir(tmp_path)
    assert main(["--config", "ci/srmlint.toml", "."]) == 0
    assert rule_ids(capsys) == []


SSH_FROM = ('resource "aws_security_group" "s" {{\n  ingress {{\n    from_port   = 22\n    to_port     = 22\n'
            '    protocol    = "tcp"\n    cidr_blocks = ["{cidr}"]\n  }}\n}}\n')


@pytest.mark.parametrize(("options", "cidr", "flagged"), [
    ("", "52.0.0.0/6", True),                            # default: public blocks wider than /8 count
    ("", "52.0.0.0/12", False),
    ("wide-cidr-prefix-ipv4 = 0\n", "52.0.0.0/6", False),  # only 0.0.0.0/0
    ("wide-cidr-prefix-ipv4 = 0\n", "0.0.0.0/0", True),
    ("wide-cidr-prefix-ipv4 = 16\n", "52.0.0.0/12", True),  # stricter
    ("wide-cidr-prefix-ipv4 = 16\n", "10.0.0.0/8", False),  # private space never counts
])
def test_rule_option_sets_what_counts_as_the_internet(options: str, cidr: str, flagged: bool, tmp_path: Path,
                                                      monkeypatch, capsys) -> None:
    tree(tmp_path, {"pyproject.toml": f'[tool.srmlint]\nformat = "json"\n\n[tool.srmlint.options]\n{options}',
                    "main.tf": SSH_FROM.format(cidr=cidr)})
    monkeypatch.chdir(tmp_path)
    main(["--select", "NET002", "--no-cache", "."])
    assert (rule_ids(capsys) == ["NET002"]) is flagged


@pytest.mark.parametrize(("options", "message"), [
    ("wide-cidr-prefix = 0\n", "unknown rule option `wide-cidr-prefix`"),
    ('wide-cidr-prefix-ipv4 = "8"\n', "`options.wide-cidr-prefix-ipv4` must be a int"),
])
def test_rule_option_mistakes_are_errors(options: str, message: str, tmp_path: Path, monkeypatch, capsys) -> None:
    tree(tmp_path, {"pyproject.toml": f"[tool.srmlint.options]\n{options}", "main.tf": BUCKET})
    monkeypatch.chdir(tmp_path)
    assert main(["."]) == 2
    assert message in capsys.readouterr().err

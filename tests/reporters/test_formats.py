"""What each format promises beyond its golden file: escaping of hostile
text, stable fingerprints, well-formed XML, self-contained HTML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from srmlint.engine import Engine, ScanResult
from srmlint.findings import Finding, ResourceRef, ResponsibilityRef
from srmlint.reporters.common import fingerprints, portable_path
from srmlint.reporters.github import GithubReporter, annotation, escape_data, escape_property
from srmlint.reporters.gitlab import GitlabReporter
from srmlint.reporters.html import HtmlReporter
from srmlint.reporters.junit import JunitReporter
from srmlint.reporters.markdown import MarkdownReporter, md_escape
from srmlint.reporters.text import TextReporter
from srmlint.reporting import ReportContext
from srmlint.rule import Severity

HOSTILE = "<script>alert('x')</script> 100% a:b, c\r\nnext | `tick` *star* [link](http://e)"


def finding(message: str = "msg", file: str = "m.tf", line: int = 3, severity: Severity = Severity.HIGH,
            address: str | None = "aws_s3_bucket.b", rule_id: str = "ENC001") -> Finding:
    return Finding(
        rule_id=rule_id, rule="slug", title="Title, with: punctuation", severity=severity, message=message,
        file=file, line=line, end_line=line + 2, column=1,
        resource=ResourceRef("aws_s3_bucket", "b", address) if address else None,
        responsibility=ResponsibilityRef("customer", "encryption", "abstracted") if address else None,
        aws_default="AWS does <nothing>")


CONTEXT = ReportContext(tool_version="9.9.9")


def test_github_workflow_command_escaping() -> None:
    assert escape_data("100%\r\nx:y,z") == "100%25%0D%0Ax:y,z"
    assert escape_property("100%\r\nx:y,z") == "100%25%0D%0Ax%3Ay%2Cz"
    line = annotation(finding(message=HOSTILE, file="dir,1/a:b.tf"))
    assert line.startswith("::error file=dir%2C1/a%3Ab.tf,line=3,endLine=5,col=1,title=ENC001 [high] Title%2C with%3A")
    message = line.split("::", 2)[2]
    assert "\n" not in line and "\r" not in line
    assert message.startswith("<script>alert('x')</script> 100%25 a:b, c%0D%0Anext")


def test_github_levels_follow_severity() -> None:
    levels = [annotation(finding(severity=s)).split(" ", 1)[0] for s in Severity]
    assert levels == ["::notice", "::notice", "::warning", "::error", "::error"]
    text = GithubReporter().render(ScanResult(findings=[finding()]), CONTEXT)
    assert text.splitlines()[-1].startswith("Found 1 finding")


def test_fingerprints_are_stable_and_unique() -> None:
    a = finding(line=3)
    moved = finding(line=40, message="msg  ")  # lines inserted above; whitespace reflowed
    assert fingerprints([a]) == fingerprints([moved])
    assert fingerprints([finding(file="./m.tf")]) == fingerprints([a])
    twins = fingerprints([a, finding(line=9)])
    assert len(set(twins)) == 2 and twins[0] == fingerprints([a])[0]
    assert fingerprints([finding(rule_id="ENC002")]) != fingerprints([a])
    assert fingerprints([finding(address="aws_s3_bucket.c")]) != fingerprints([a])


def test_gitlab_code_quality_shape() -> None:
    result = ScanResult(findings=[finding(severity=s) for s in Severity])
    issues = json.loads(GitlabReporter().render(result, CONTEXT))
    assert [i["severity"] for i in issues] == ["info", "minor", "major", "critical", "blocker"]
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"] == {"path": "m.tf", "lines": {"begin": 3, "end": 5}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_junit_is_well_formed_with_hostile_text() -> None:
    result = ScanResult(findings=[finding(message=HOSTILE + "\x00\x1b", file="a&b.tf"),
                                  finding(address=None, rule_id="SRM000", message="bad \x07 byte")])
    xml = JunitReporter().render(result, CONTEXT)
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "2"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "a&b.tf"
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message", "").startswith("<script>")


def test_junit_counts_clean_resources_as_passing(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
                                      'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', encoding="utf-8")
    result = engine.scan([str(tmp_path)], select=lambda m: m.id == "ENC001")
    root = ET.fromstring(JunitReporter().render(result, CONTEXT))
    cases = root.findall("testsuite/testcase")
    failing = [c.get("name") for c in cases if c.find("failure") is not None]
    passing = [c.get("name") for c in cases if c.find("failure") is None]
    assert failing == ["ENC001 aws_s3_bucket.b"]
    assert passing == ["aws_sqs_queue.q"]


def test_html_escapes_and_is_self_contained() -> None:
    result = ScanResult(findings=[finding(message=HOSTILE, file="<b>.tf"),
                                  finding(address=None, rule_id="SRM000", message=HOSTILE)])
    page = HtmlReporter().render(result, CONTEXT)
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;.tf" in page and "AWS does &lt;nothing&gt;" in page
    # No external assets: nothing is fetched when the file is opened.
    assert not re.search(r"\b(src|srcset)\s*=|<link\b|@import|url\(|<iframe|<object|<embed", page, re.IGNORECASE)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_markdown_escapes_hostile_text() -> None:
    assert md_escape("a|b <i> *x* aws_s3_bucket _y_") == "a\\|b \\<i\\> \\*x\\* aws_s3_bucket \\_y\\_"
    page = MarkdownReporter().render(ScanResult(findings=[finding(message=HOSTILE)]), CONTEXT)
    assert "<script>" not in page and "\\<script\\>" in page
    assert "\r" not in page


def test_text_color_only_when_asked() -> None:
    result = ScanResult(findings=[finding(severity=Severity.CRITICAL)])
    plain = TextReporter().render(result, CONTEXT)
    colored = TextReporter().render(result, ReportContext(tool_version="9.9.9", color=True))
    assert "\033[" not in plain
    assert "\033[1;31m[critical]\033[0m" in colored
    assert re.sub(r"\033\[[0-9;]*m", "", colored) == plain


def test_portable_path() -> None:
    assert portable_path("./././a/b.tf") == "a/b.tf"
    assert portable_path("a/b.tf") == "a/b.tf"


def test_suppressed_findings_are_accepted_not_reported() -> None:
    """Formats that gate or annotate leave suppressed findings out; SARIF keeps
    them with ``suppressions`` so code scanning shows them as dismissed."""
    import dataclasses

    from srmlint.reporters.sarif import SarifReporter

    kept = finding(message="kept")
    accepted = dataclasses.replace(finding(message="accepted", line=9), suppressed=True, suppression="inline",
                                   suppression_reason="encrypted by the producer")
    baselined = dataclasses.replace(finding(message="old", line=12), suppressed=True, suppression="baseline")
    result = ScanResult(findings=[kept, accepted, baselined])
    assert [i["description"].split(" ")[1] for i in json.loads(GitlabReporter().render(result, CONTEXT))] == ["kept"]
    assert "accepted" not in GithubReporter().render(result, CONTEXT)
    root = ET.fromstring(JunitReporter().render(result, CONTEXT))
    assert root.get("failures") == "1"
    assert "accepted" not in MarkdownReporter().render(result, CONTEXT)
    assert "accepted" not in HtmlReporter().render(result, CONTEXT)
    results = json.loads(SarifReporter().render(result, CONTEXT))["runs"][0]["results"]
    assert [r.get("suppressions") for r in results] == [
        None,
        [{"kind": "inSource", "status": "accepted", "justification": "encrypted by the producer"}],
        [{"kind": "external", "status": "accepted"}],
    ]

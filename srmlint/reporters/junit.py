"""JUnit XML (``--format junit``): for CI test-report views (GitLab
``artifacts:reports:junit``, Jenkins, Azure Pipelines, GitHub test-report
actions).

One ``<testsuite>`` per file, named by its path. In each, one failing
``<testcase>`` per finding (name ``RULE resource``, classname the file) and
one passing ``<testcase>`` per resource without findings, so a report shows
what was checked and not only what failed. Files that hold only
non-template data are not listed; a suppressed finding is not a failure. No timestamps, host names or durations:
the same scan gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from srmlint.engine import ScanResult
from srmlint.findings import Finding
from srmlint.reporters.common import FORMAT_TITLES, portable_path, rule_of
from srmlint.reporting import ReportContext
from srmlint.responsibility import LAYERS, MODEL_TITLES

#: Characters XML 1.0 cannot carry at all, even escaped (a parse error may
#: quote them from a binary file): replaced, so the report stays well-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(finding: Finding, context: ReportContext) -> str:
    lines = [f"{portable_path(finding.file)}:{finding.line}:{finding.column}: {finding.rule_id} "
             f"[{finding.severity.label}] {finding.message}"]
    if finding.resource is not None:
        lines.append(f"Resource: {finding.resource.address} ({finding.resource.type})")
    r = finding.responsibility
    if r is not None:
        model = f" ({MODEL_TITLES.get(r.service_model, r.service_model)})" if r.service_model else ""
        lines.append(f"Responsibility: {r.owner}-owned layer '{LAYERS.get(r.layer, r.layer)}'{model}")
    if finding.aws_default:
        lines.append(f"When left unset: {finding.aws_default}")
    meta = rule_of(finding, context.rules)
    if meta is not None:
        for fmt, fix in meta.remediation.items():
            lines.append(f"Fix ({FORMAT_TITLES.get(fmt, fmt)}): {fix}")
        lines.append(f"Docs: {meta.url}")
    return _xml_safe("\n".join(lines))


def _case_name(finding: Finding) -> str:
    if finding.resource is not None:
        return _xml_safe(f"{finding.rule_id} {finding.resource.address}")
    return f"{finding.rule_id} line {finding.line}"


def junit_tree(result: ScanResult, context: ReportContext) -> ET.Element:
    findings_by_file: dict[str, list[Finding]] = defaultdict(list)
    active = result.active_findings
    for f in active:
        findings_by_file[portable_path(f.file)].append(f)
    flagged = {(portable_path(f.file), f.resource.address) for f in active if f.resource is not None}
    flagged_addresses = {address for _, address in flagged}
    clean: dict[str, list[str]] = defaultdict(list)
    for t in sorted(result.resources, key=lambda t: (t.resource.location.file, t.resource.location.line,
                                                     t.resource.address)):
        file = portable_path(t.resource.location.file)
        # A Terraform finding may sit in another file of the module: the
        # resource is then not clean, wherever it is declared.
        if (file, t.resource.address) in flagged or t.resource.address in flagged_addresses:
            continue
        clean[file].append(t.resource.address)
    root = ET.Element("testsuites", {"name": "srmlint"})
    total_tests = total_failures = 0
    for file in sorted(set(findings_by_file) | set(clean)):
        failures = findings_by_file.get(file, [])
        passes = clean.get(file, [])
        tests = len(failures) + len(passes)
        suite = ET.SubElement(root, "testsuite", {
            "name": _xml_safe(file), "tests": str(tests), "failures": str(len(failures)), "errors": "0", "skipped": "0",
        })
        for f in failures:
            case = ET.SubElement(suite, "testcase", {"name": _case_name(f), "classname": _xml_safe(file),
                                                     "file": _xml_safe(file), "line": str(f.line)})
            failure = ET.SubElement(case, "failure", {"message": _xml_safe(f.message),
                                                      "type": f"{f.rule_id} {f.severity.label}"})
            failure.text = _failure_text(f, context)
        for address in passes:
            ET.SubElement(suite, "testcase", {"name": _xml_safe(address), "classname": _xml_safe(file),
                                              "file": _xml_safe(file)})
        total_tests += tests
        total_failures += len(failures)
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    return root


class JunitReporter:
    name = "junit"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        root = junit_tree(result, context)
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

"""ENC001/ENC002 beyond their examples: connected resources, unknowns, positions."""

from __future__ import annotations

from tests.conftest import ScanFiles, rule_ids

BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "my-bucket"\n}\n'


def test_tf_inline_encryption_block_counts(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_s3_bucket" "b" {\n  server_side_encryption_configuration {\n    rule {\n'
        '      apply_server_side_encryption_by_default {\n        sse_algorithm = "AES256"\n'
        "      }\n    }\n  }\n}\n"
    )})
    assert rule_ids(result) == []


def test_tf_v4_encryption_resource_connected_by_reference(scan_files: ScanFiles) -> None:
    config = (
        'resource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n'
        "  bucket = aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n"
        '      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'
    )
    # The configuration may live in another file of the same module directory.
    result = scan_files({"main.tf": BUCKET, "encryption.tf": config})
    assert rule_ids(result) == []


def test_tf_v4_encryption_resource_connected_by_literal_name(scan_files: ScanFiles) -> None:
    config = (
        'resource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n'
        '  bucket = "my-bucket"\n  rule {\n    apply_server_side_encryption_by_default {\n'
        '      sse_algorithm = "AES256"\n    }\n  }\n}\n'
    )
    assert rule_ids(scan_files({"main.tf": BUCKET + config})) == []


def test_tf_encryption_of_another_bucket_does_not_count(scan_files: ScanFiles) -> None:
    other = 'resource "aws_s3_bucket" "other" {\n  bucket = "other"\n}\n'
    config = (
        'resource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n'
        "  bucket = aws_s3_bucket.other.id\n  rule {\n    apply_server_side_encryption_by_default {\n"
        '      sse_algorithm = "AES256"\n    }\n  }\n}\n'
    )
    result = scan_files({"main.tf": BUCKET + other + config})
    assert [(f.rule_id, f.resource.address if f.resource else None, f.line) for f in result.findings] == [
        ("ENC001", "aws_s3_bucket.b", 1)
    ]


def test_tf_encryption_configuration_in_other_directory_does_not_count(scan_files: ScanFiles) -> None:
    config = (
        'resource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n'
        "  bucket = aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n"
        '      sse_algorithm = "AES256"\n    }\n  }\n}\n'
    )
    result = scan_files({"a/main.tf": BUCKET, "b/main.tf": config})
    assert rule_ids(result) == ["ENC001"]


def test_unknown_algorithm_is_not_guessed(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_s3_bucket" "b" {\n  server_side_encryption_configuration {\n    rule {\n'
        "      apply_server_side_encryption_by_default {\n        sse_algorithm = var.alg\n"
        "      }\n    }\n  }\n}\n"
    )})
    assert rule_ids(result) == []


def test_cfn_intrinsic_encryption_is_not_guessed(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
        "      BucketEncryption: !If [UseKms, {ServerSideEncryptionConfiguration: []}, !Ref AWS::NoValue]\n"
    )})
    assert rule_ids(result) == []


def test_cfn_bucket_finding_points_at_the_resource(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n"})
    [finding] = result.findings
    assert (finding.rule_id, finding.file, finding.line) == ("ENC001", "t.yaml", 2)
    assert finding.resource is not None and finding.resource.address == "Logs"
    assert finding.responsibility is not None
    assert finding.responsibility.owner == "customer"
    assert finding.responsibility.layer == "encryption"
    assert finding.responsibility.service_model == "abstracted"
    assert finding.aws_default is not None and "SSE-S3" in finding.aws_default


def test_ebs_unset_and_disabled_and_unknown(scan_files: ScanFiles) -> None:
    result = scan_files({
        "main.tf": (
            'resource "aws_ebs_volume" "unset" {\n  size = 1\n}\n'
            'resource "aws_ebs_volume" "off" {\n  size = 1\n  encrypted = false\n}\n'
            'resource "aws_ebs_volume" "var" {\n  size = 1\n  encrypted = var.encrypted\n}\n'
        ),
        "t.yaml": (
            "Resources:\n  Plain:\n    Type: AWS::EC2::Volume\n    Properties:\n"
            "      Size: 1\n      Encrypted: 'false'\n"
            "  Sealed:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      Encrypted: true\n"
        ),
    })
    found = sorted((f.file, f.line, f.resource.address if f.resource else "") for f in result.findings)
    assert found == [
        ("main.tf", 1, "aws_ebs_volume.unset"),
        ("main.tf", 6, "aws_ebs_volume.off"),  # points at `encrypted = false`
        ("t.yaml", 6, "Plain"),
    ]

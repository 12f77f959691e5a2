"""Registry modules without downloading: shipped shims, and ``.terraform/modules`` when present."""

from __future__ import annotations

import json
import os

import pytest

from srmlint.resolve.registry import shim_directory
from tests.conftest import ScanFiles

SG = """\
module "sg" {
  source  = "terraform-aws-modules/security-group/aws"
  version = "~> 5.0"

  name   = "web"
  vpc_id = "vpc-123"

  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = ["https-443-tcp", "ssh-tcp"]

  ingress_with_cidr_blocks = [
    {
      rule        = "postgresql-tcp"
      cidr_blocks = "10.0.0.0/16"
    },
    {
      from_port   = 3389
      to_port     = 3389
      protocol    = "tcp"
      cidr_blocks = "0.0.0.0/0"
    },
  ]
}
"""


def _by_rule(result, rule_id):
    return [f for f in result.findings if f.rule_id == rule_id]


def test_security_group_rules_land_on_the_input_lines(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": SG})
    net002 = sorted(_by_rule(result, "NET002"), key=lambda f: f.line)
    assert [(f.file, f.line) for f in net002] == [("main.tf", 9), ("main.tf", 16)]  # "ssh-tcp"; the RDP entry
    assert all(f.resource is not None and f.resource.address == "module.sg.aws_security_group.this"
               for f in net002)
    assert all(f.module_call is not None and f.module_call.line == 1 for f in net002)
    assert not _by_rule(result, "SRM000")
    assert not _by_rule(result, "NET004")  # egress_rules default to none


def test_unknown_inputs_raise_nothing(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
variable "cidrs" { type = list(string) }
module "sg" {
  source              = "terraform-aws-modules/security-group/aws"
  ingress_cidr_blocks = var.cidrs
  ingress_rules       = ["ssh-tcp"]
}
"""})
    assert not [f for f in result.findings if f.rule_id.startswith("NET")]


def test_vpc_defaults_leave_flow_logs_off(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 6.0"
  name    = "main"
}

module "logged" {
  source          = "terraform-aws-modules/vpc/aws"
  enable_flow_log = true
}

module "own_flow_log" {
  source = "terraform-aws-modules/vpc/aws"
}

resource "aws_flow_log" "own" {
  vpc_id       = module.own_flow_log.vpc_id
  traffic_type = "ALL"
}
"""})
    log006 = _by_rule(result, "LOG006")
    assert [(f.line, f.resource.address if f.resource else None) for f in log006] == [
        (1, "module.vpc.aws_vpc.this")]
    assert not _by_rule(result, "NET005")  # the module empties the default security group


def test_s3_bucket_inputs(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "open" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  bucket                  = "open-bucket"
  block_public_policy     = false
  acl                     = "public-read"
}

module "closed" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "closed-bucket"
}
"""})
    assert [(f.line, f.resource.address if f.resource else None) for f in _by_rule(result, "PUB003")] == [
        (4, "module.open.aws_s3_bucket_public_access_block.this")]
    assert [f.line for f in _by_rule(result, "PUB001")] == [5]
    assert not [f for f in result.findings if f.rule_id.startswith("PUB") and f.line >= 8]


def test_kms_rotation_default_and_input(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "off" {
  source              = "terraform-aws-modules/kms/aws"
  enable_key_rotation = false
}

module "default" {
  source = "terraform-aws-modules/kms/aws"
}
"""})
    assert [f.line for f in _by_rule(result, "ENC005")] == [3]


def test_lambda_function_url_and_runtime(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "fn" {
  source                     = "terraform-aws-modules/lambda/aws"
  function_name              = "f"
  runtime                    = "python3.6"
  create_lambda_function_url = true
}
"""})
    assert [f.line for f in _by_rule(result, "CMP002")] == [4]
    assert [f.line for f in _by_rule(result, "PUB011")] == [1]


def test_shim_findings_are_never_fixed_in_place(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": SG})
    shim = [t.resource for t in result.resources if t.resource.module is not None]
    assert shim and all(r.meta.get("generated") for r in shim)


def test_module_without_a_shim_stays_silent(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "x" {
  source  = "terraform-aws-modules/appsync/aws"
  version = "~> 2.0"
}

module "y" {
  source = "cloudposse/label/null"
}
"""})
    assert result.findings == []
    assert result.resources == []


def test_downloaded_module_is_used_instead_of_the_shim(scan_files: ScanFiles) -> None:
    manifest = {"Modules": [
        {"Key": "", "Source": "", "Dir": "."},
        {"Key": "sg", "Source": "registry.terraform.io/terraform-aws-modules/security-group/aws",
         "Version": "5.3.0", "Dir": ".terraform/modules/sg"},
    ]}
    result = scan_files({
        "main.tf": SG,
        ".terraform/modules/modules.json": json.dumps(manifest),
        ".terraform/modules/sg/main.tf": """\
variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

resource "aws_security_group_rule" "all" {
  type              = "ingress"
  security_group_id = "sg-1"
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = var.ingress_cidr_blocks
}
""",
    })
    ids = {f.rule_id for f in result.findings}
    assert "NET001" in ids  # the downloaded rule (all TCP ports), not the shim's named rules
    hits = [f for f in result.findings if f.rule_id.startswith("NET")]
    assert all(f.file.endswith("main.tf") and ".terraform" in f.file for f in hits)  # inside the download
    assert all(f.module_call is not None and f.module_call.line == 1 for f in hits)


@pytest.mark.parametrize(("source", "name"), [
    ("terraform-aws-modules/vpc/aws", "vpc"),
    ("registry.terraform.io/terraform-aws-modules/s3-bucket/aws", "s3-bucket"),
    ("git::https://github.com/terraform-aws-modules/terraform-aws-kms.git?ref=v3.0.0", "kms"),
    ("github.com/terraform-aws-modules/terraform-aws-sqs", "sqs"),
])
def test_source_spellings(source: str, name: str) -> None:
    found = shim_directory(source)
    assert found is not None and found.replace("\\", "/").endswith(f"terraform-aws-modules/{name}")


@pytest.mark.parametrize("source", [
    "terraform-aws-modules/vpc/google",
    "terraform-aws-modules/vpc/aws//modules/../../etc",
    "hashicorp/consul/aws",
    "./vpc",
])
def test_sources_without_a_shim(source: str) -> None:
    assert shim_directory(source) is None


def test_stats_names_the_module_calls_srmlint_cannot_see_into(tmp_path, capsys) -> None:
    """A silent gap is the worst kind: --stats says which calls were not analysed."""
    from srmlint.cli import main

    (tmp_path / "main.tf").write_text(
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n'
        'module "bus" {\n  source = "terraform-aws-modules/eventbridge/aws"\n}\n'
        'module "own" {\n  source = "git::https://example.com/infra/modules.git//net"\n}\n')
    main(["--stats", "--no-cache", "--isolated", str(tmp_path)])
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "module calls not analysed" in x)
    assert "terraform-aws-modules/eventbridge/aws" in line and "example.com/infra" in line
    assert "terraform-aws-modules/vpc/aws" not in line, "the vpc call is read through its shim"
    read = next(x for x in err.splitlines() if "module sources read from outside" in x)
    assert read.rstrip().endswith(os.path.join("terraform-aws-modules", "vpc")), read


# -- rds, ec2-instance, ecr, dynamodb-table, iam submodules ------------------------------------------------

def _rules_at(result, prefix: str = "") -> list[tuple[str, int]]:
    return sorted((f.rule_id, f.line) for f in result.findings if f.rule_id.startswith(prefix))


def test_rds_inputs_land_on_their_lines(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "open" {
  source                      = "terraform-aws-modules/rds/aws"
  version                     = "~> 6.0"
  identifier                  = "open"
  engine                      = "mysql"
  storage_encrypted           = false
  publicly_accessible         = true
  backup_retention_period     = 0
  family                      = "mysql8.0"
  parameters = [
    { name = "character_set_server", value = "utf8mb4" },
    { name = "require_secure_transport", value = "0" },
  ]
}
"""})
    assert [f.line for f in _by_rule(result, "ENC003")] == [6]
    assert [f.line for f in _by_rule(result, "PUB007")] == [7]
    assert [f.line for f in _by_rule(result, "BKP003")] == [8]
    assert [f.line for f in _by_rule(result, "ENC008")] == [12]  # the parameter's own entry
    assert all(f.resource is not None and f.resource.address.startswith("module.open.")
               and f.module_call is not None and f.module_call.line == 1 for f in result.findings)
    assert not _by_rule(result, "SRM000")


def test_rds_secure_defaults_raise_no_exposure_or_encryption_finding(scan_files: ScanFiles) -> None:
    """storage_encrypted defaults to true, publicly_accessible to false, auto minor upgrades on,
    the master password managed in Secrets Manager: what is left is what the module leaves off."""
    result = scan_files({"main.tf": """\
module "db" {
  source     = "terraform-aws-modules/rds/aws"
  identifier = "app"
  engine     = "postgres"
  family     = "postgres16"
}

module "instance_only" {
  source     = "terraform-aws-modules/rds/aws//modules/db_instance"
  identifier = "app2"
  engine     = "postgres"
}

module "hardened" {
  source                              = "terraform-aws-modules/rds/aws"
  identifier                          = "app3"
  engine                              = "postgres"
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  backup_retention_period             = 14
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  monitoring_interval                 = 30
  monitoring_role_arn                 = "arn:aws:iam::111122223333:role/rds-monitoring"
}
"""})
    assert not [f for f in result.findings if f.rule_id in ("ENC003", "PUB007", "ENC008", "BKP003", "SRM000")]
    assert {f.rule_id for f in result.findings if f.line == 1} == {f.rule_id for f in result.findings if f.line == 8}
    assert [f for f in result.findings if f.line >= 14] == []
    assert sum(t.resource.type == "aws_db_instance" for t in result.resources) == 3


def test_ec2_instance_inputs_and_imdsv2_default(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "web" {
  source    = "terraform-aws-modules/ec2-instance/aws"
  version   = "~> 6.0"
  name      = "web"
  subnet_id = "subnet-123"
  root_block_device = {
    encrypted = true
    size      = 20
  }
}

module "loose" {
  source                      = "terraform-aws-modules/ec2-instance/aws"
  name                        = "loose"
  associate_public_ip_address = true
  metadata_options = {
    http_tokens = "optional"
  }
  root_block_device = {
    encrypted = false
  }
  ebs_volumes = {
    "/dev/sdf" = {
      size      = 10
      encrypted = false
    }
  }
}

module "v5" {
  source  = "terraform-aws-modules/ec2-instance/aws"
  version = "~> 5.0"
  metadata_options = {
    http_endpoint = "enabled"
  }
  root_block_device = [
    {
      encrypted = true
    },
  ]
  ebs_block_device = [
    {
      device_name = "/dev/sdf"
      encrypted   = false
    },
  ]
}
"""})
    assert [f.line for f in _by_rule(result, "CMP001")] == [16]  # only the explicit "optional"
    assert [f.line for f in _by_rule(result, "PUB008")] == [15]
    assert sorted(f.line for f in _by_rule(result, "ENC003")) == [19, 44]  # the root volume; the v5 EBS entry
    assert [f.line for f in _by_rule(result, "ENC002")] == [22]  # the ebs_volumes input
    assert not [f for f in result.findings if f.line <= 10 and f.rule_id.startswith(("ENC00", "CMP", "PUB"))
                and f.rule_id != "ENC004"]


def test_ecr_and_dynamodb_table_inputs(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "ecr" {
  source          = "terraform-aws-modules/ecr/aws"
  repository_name = "app"
}

module "ecr_loose" {
  source                          = "terraform-aws-modules/ecr/aws"
  repository_name                 = "loose"
  repository_image_tag_mutability = "MUTABLE"
  repository_image_scan_on_push   = false
  create_repository_policy        = false
  repository_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:*" }]
  })
}

module "table" {
  source                         = "terraform-aws-modules/dynamodb-table/aws"
  name                           = "t"
  hash_key                       = "id"
  point_in_time_recovery_enabled = false
}

module "table_good" {
  source                             = "terraform-aws-modules/dynamodb-table/aws"
  name                               = "t2"
  hash_key                           = "id"
  point_in_time_recovery_enabled     = true
  server_side_encryption_enabled     = true
  server_side_encryption_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/abc"
  deletion_protection_enabled        = true
}
"""})
    # Tags are immutable and images scanned by default: the first call only lacks a customer-managed key.
    assert {f.rule_id for f in result.findings if f.line <= 4} == {"ENC004"}
    assert [f.line for f in _by_rule(result, "CMP008")] == [9]
    assert [f.line for f in _by_rule(result, "CMP007")] == [10]
    assert [f.line for f in _by_rule(result, "PUB006")] == [12]
    assert [f.line for f in _by_rule(result, "BKP006")] == [22]
    assert [f for f in result.findings if f.line >= 25] == []


def test_iam_submodules(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": """\
module "role" {
  source      = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version     = "~> 5.0"
  create_role = true
  role_name   = "ops"

  attach_admin_policy = true
}

module "policy" {
  source = "terraform-aws-modules/iam/aws//modules/iam-policy"
  name   = "all"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

module "not_created" {
  source              = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  attach_admin_policy = true
}
"""})
    assert [f.line for f in _by_rule(result, "IAM006")] == [7]  # create_role defaults to false: not line 21
    assert [f.line for f in _by_rule(result, "IAM001")] == [13]


@pytest.mark.parametrize(("source", "tail"), [
    ("terraform-aws-modules/rds/aws", "rds"),
    ("terraform-aws-modules/rds/aws//modules/db_instance", "rds/modules/db_instance"),
    ("terraform-aws-modules/ec2-instance/aws", "ec2-instance"),
    ("terraform-aws-modules/ecr/aws", "ecr"),
    ("github.com/terraform-aws-modules/terraform-aws-dynamodb-table?ref=03b38ee", "dynamodb-table"),
    ("terraform-aws-modules/iam/aws//modules/iam-policy", "iam/modules/iam-policy"),
    ("terraform-aws-modules/iam/aws//modules/iam-assumable-role", "iam/modules/iam-assumable-role"),
])
def test_new_shims_are_found(source: str, tail: str) -> None:
    found = shim_directory(source)
    assert found is not None and found.replace("\\", "/").endswith(f"terraform-aws-modules/{tail}")

"""ENC001/ENC002 beyond their examples: connected resources, unknowns, positions."""

from __future__ import annotations

from srmlint.engine import ScanResult
from tests.conftest import ScanFiles


def rule_ids(result: ScanResult, prefixes: tuple[str, ...] = ("ENC001", "ENC002")) -> list[str]:
    """The findings of the rules under test (ENC004, customer-managed keys, also
    speaks about the AES256 buckets and aws/ebs volumes here)."""
    return [f.rule_id for f in result.findings if f.rule_id.startswith(prefixes)]

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
    assert [(f.rule_id, f.resource.address if f.resource else None, f.line) for f in result.findings
            if f.rule_id == "ENC001"] == [
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
    [finding] = [f for f in result.findings if f.rule_id == "ENC001"]
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
    found = sorted((f.file, f.line, f.resource.address if f.resource else "") for f in result.findings
                   if f.rule_id == "ENC002")
    assert found == [
        ("main.tf", 1, "aws_ebs_volume.unset"),
        ("main.tf", 6, "aws_ebs_volume.off"),  # points at `encrypted = false`
        ("t.yaml", 6, "Plain"),
    ]


# --------------------------------------------------------------------------- ENC003-ENC008


def found(result: ScanResult, prefix: str = "ENC") -> list[tuple[str, str]]:
    return sorted((f.rule_id, f.resource.address if f.resource else "") for f in result.findings
                  if f.rule_id.startswith(prefix))


def test_rds_inheriting_encryption_is_not_judged(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_db_instance" "replica" {\n  replicate_source_db = "db"\n  instance_class = "db.t3.micro"\n}\n'
        'resource "aws_db_instance" "member" {\n  cluster_identifier = aws_rds_cluster.c.id\n'
        '  engine = "aurora-postgresql"\n}\n'
        'resource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n  storage_encrypted = true\n}\n'
        'resource "aws_rds_cluster" "v1" {\n  engine = "aurora-mysql"\n  engine_mode = "serverless"\n}\n'
        'resource "aws_db_instance" "var" {\n  engine = "mysql"\n  storage_encrypted = var.encrypted\n}\n'
    )})
    assert [r for r in found(result) if r[0] == "ENC003"] == []


def test_cfn_aurora_member_and_unencrypted_cluster(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n"
        "  Member:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-mysql\n"
        "      DBClusterIdentifier: !Ref Cluster\n"
    )})
    assert [r for r in found(result) if r[0] == "ENC003"] == [("ENC003", "Cluster")]


def test_services_encrypted_by_default_only_lack_a_customer_key(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  server_side_encryption {\n    enabled = false\n  }\n}\n'
        'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n'
        'resource "aws_sqs_queue" "off" {\n  name = "off"\n  sqs_managed_sse_enabled = false\n}\n'
        'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n'
        'resource "aws_sns_topic" "aws" {\n  name = "aws"\n  kms_master_key_id = "alias/aws/sns"\n}\n'
        'resource "aws_sns_topic" "cmk" {\n  name = "cmk"\n  kms_master_key_id = aws_kms_key.k.arn\n}\n'
    )})
    assert found(result) == [
        ("ENC003", "aws_sns_topic.t"),
        ("ENC003", "aws_sqs_queue.off"),
        ("ENC004", "aws_dynamodb_table.t"),
        ("ENC004", "aws_sns_topic.aws"),
        ("ENC004", "aws_sqs_queue.q"),
    ]


def test_redshift_default_differs_per_format(scan_files: ScanFiles) -> None:
    result = scan_files({
        "main.tf": 'resource "aws_redshift_cluster" "r" {\n  cluster_identifier = "r"\n  node_type = "ra3.xlplus"\n}\n',
        "t.yaml": "Resources:\n  R:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      NodeType: ra3.xlplus\n",
    })
    assert found(result, "ENC003") == [("ENC003", "aws_redshift_cluster.r")]
    assert ("ENC004", "R") in found(result)


def test_block_devices(scan_files: ScanFiles) -> None:
    result = scan_files({
        "main.tf": (
            'resource "aws_launch_template" "lt" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n'
            "    ebs {\n      encrypted = false\n    }\n  }\n  block_device_mappings {\n"
            '    device_name = "/dev/xvdb"\n    ebs {\n      snapshot_id = "snap-1"\n    }\n  }\n}\n'
            'resource "aws_launch_template" "empty" {\n  name = "empty"\n}\n'
            'resource "aws_instance" "from_lt" {\n  launch_template {\n    id = aws_launch_template.lt.id\n  }\n}\n'
            'resource "aws_instance" "data" {\n  ami = "ami-1"\n  root_block_device {\n    encrypted = true\n'
            "  }\n  ebs_block_device {\n    device_name = \"/dev/sdf\"\n  }\n}\n"
        ),
        "t.yaml": (
            "Resources:\n  Lc:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n"
            "      ImageId: ami-1\n      InstanceType: t3.micro\n      BlockDeviceMappings:\n"
            "        - DeviceName: /dev/xvda\n          Ebs:\n            Encrypted: true\n"
            "        - DeviceName: /dev/sdb\n          VirtualName: ephemeral0\n"
        ),
    })
    assert found(result, "ENC003") == [("ENC003", "aws_instance.data"), ("ENC003", "aws_launch_template.lt")]
    messages = sorted(f.message for f in result.findings if f.rule_id == "ENC003")
    assert messages == ["EC2 instance 'data' does not enable encryption on its EBS volume",
                        "launch template 'lt' has encryption on its EBS volume turned off"]


def test_listeners(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_lb" "alb" {\n  name = "alb"\n}\n'
        'resource "aws_lb" "nlb" {\n  name = "nlb"\n  load_balancer_type = "network"\n}\n'
        'resource "aws_lb_listener" "alb_default" {\n  load_balancer_arn = aws_lb.alb.arn\n  port = 80\n'
        '  default_action {\n    type = "forward"\n  }\n}\n'
        'resource "aws_lb_listener" "nlb_default" {\n  load_balancer_arn = aws_lb.nlb.arn\n  port = 80\n'
        '  default_action {\n    type = "forward"\n  }\n}\n'
        'resource "aws_lb_listener" "https_no_policy" {\n  load_balancer_arn = aws_lb.alb.arn\n  port = 443\n'
        '  protocol = "HTTPS"\n  default_action {\n    type = "forward"\n  }\n}\n'
        'resource "aws_lb_listener" "https_modern" {\n  load_balancer_arn = aws_lb.alb.arn\n  port = 443\n'
        '  protocol = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n'
        '  default_action {\n    type = "forward"\n  }\n}\n'
        'resource "aws_lb_listener" "old" {\n  load_balancer_arn = aws_lb.alb.arn\n  port = 443\n'
        '  protocol = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS-1-1-2017-01"\n'
        '  default_action {\n    type = "forward"\n  }\n}\n'
        'resource "aws_lb_listener" "unknown" {\n  load_balancer_arn = aws_lb.alb.arn\n  port = 443\n'
        '  protocol = var.protocol\n  default_action {\n    type = "forward"\n  }\n}\n'
    )})
    assert found(result) == [
        ("ENC006", "aws_lb_listener.alb_default"),
        ("ENC007", "aws_lb_listener.https_no_policy"),
        ("ENC007", "aws_lb_listener.old"),
    ]


def test_cloudfront(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Open:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
        "        Enabled: true\n        DefaultCacheBehavior:\n          TargetOriginId: o\n"
        "          ViewerProtocolPolicy: allow-all\n        ViewerCertificate:\n"
        "          AcmCertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/1\n"
        "          MinimumProtocolVersion: TLSv1.2_2021\n"
        "  DefaultCert:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
        "        Enabled: true\n        DefaultCacheBehavior:\n          TargetOriginId: o\n"
        "          ViewerProtocolPolicy: redirect-to-https\n"
    )})
    assert found(result) == [("ENC006", "Open"), ("ENC007", "DefaultCert")]


def test_kms_rotation_only_for_rotatable_keys(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_kms_key" "sym" {\n  description = "s"\n}\n'
        'resource "aws_kms_key" "rsa" {\n  customer_master_key_spec = "RSA_2048"\n  key_usage = "SIGN_VERIFY"\n}\n'
        'resource "aws_kms_key" "var" {\n  enable_key_rotation = var.rotate\n}\n'
    )})
    assert found(result) == [("ENC005", "aws_kms_key.sym")]


def test_log_delivery_bucket_may_use_sse_s3(scan_files: ScanFiles) -> None:
    sse = (
        'resource "aws_s3_bucket_server_side_encryption_configuration" "{n}" {{\n  bucket = aws_s3_bucket.{n}.id\n'
        "  rule {{\n    apply_server_side_encryption_by_default {{\n"
        "      sse_algorithm = \"AES256\"\n    }}\n  }}\n}}\n"
    )
    result = scan_files({"main.tf": (
        'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' + sse.format(n="logs")
        + 'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n' + sse.format(n="data")
        + 'resource "aws_s3_bucket_logging" "l" {\n  bucket = aws_s3_bucket.data.id\n'
        "  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"data/\"\n}\n"
    )})
    assert found(result, "ENC004") == [("ENC004", "aws_s3_bucket.data")]


def test_transit_encryption(scan_files: ScanFiles) -> None:
    result = scan_files({
        "main.tf": (
            'resource "aws_opensearch_domain" "single" {\n  domain_name = "s"\n  encrypt_at_rest {\n'
            "    enabled = true\n  }\n  domain_endpoint_options {\n"
            '    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}\n'
            'resource "aws_opensearch_domain" "cluster" {\n  domain_name = "c"\n  cluster_config {\n'
            "    instance_count = 3\n  }\n  encrypt_at_rest {\n    enabled = true\n  }\n"
            '  domain_endpoint_options {\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}\n'
            'resource "aws_msk_cluster" "m" {\n  cluster_name = "m"\n  encryption_info {\n'
            "    encryption_at_rest_kms_key_arn = aws_kms_key.k.arn\n    encryption_in_transit {\n"
            '      client_broker = "TLS_PLAINTEXT"\n    }\n  }\n}\n'
            'resource "aws_redshift_parameter_group" "p" {\n  name = "p"\n  family = "redshift-1.0"\n'
            '  parameter {\n    name = "require_ssl"\n    value = "false"\n  }\n}\n'
        ),
        "t.yaml": (
            "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Volumes:\n"
            "        - Name: data\n          EFSVolumeConfiguration:\n            FilesystemId: fs-1\n"
        ),
    })
    assert found(result, "ENC008") == [
        ("ENC008", "Task"),
        ("ENC008", "aws_msk_cluster.m"),
        ("ENC008", "aws_opensearch_domain.cluster"),
        ("ENC008", "aws_redshift_parameter_group.p"),
    ]


def test_findings_say_what_aws_does_when_unset(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": 'resource "aws_efs_file_system" "fs" {\n  creation_token = "fs"\n}\n'})
    [finding] = [f for f in result.findings if f.rule_id == "ENC003"]
    assert finding.message == "EFS file system 'fs' does not enable encryption at rest"
    assert finding.aws_default is not None and "unencrypted" in finding.aws_default.lower()


# ------------------------------------------------------------ second pass: key choices, copies, EMR, ELB policies

def messages(result: ScanResult, rule: str) -> list[str]:
    return sorted(f.message for f in result.findings if f.rule_id == rule)


def test_key_choice_table_states(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_keyspaces_table" "unset" {\n  keyspace_name = "k"\n  table_name = "t"\n}\n'
        'resource "aws_keyspaces_table" "owned" {\n  keyspace_name = "k"\n  table_name = "t"\n'
        '  encryption_specification {\n    type = "AWS_OWNED_KMS_KEY"\n'
        "    kms_key_identifier = aws_kms_key.k.arn\n  }\n}\n"
        'resource "aws_keyspaces_table" "cmk" {\n  keyspace_name = "k"\n  table_name = "t"\n'
        '  encryption_specification {\n    type = "CUSTOMER_MANAGED_KMS_KEY"\n'
        "    kms_key_identifier = aws_kms_key.k.arn\n  }\n}\n"
        'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n'
        'resource "aws_timestreamwrite_database" "var" {\n  database_name = "d"\n  kms_key_id = var.key\n}\n'
        'variable "key" {}\n'
    )})
    assert messages(result, "ENC004") == [
        "Keyspaces table 'owned' encrypts its data with an AWS-managed key, not a customer-managed KMS key",
        "Keyspaces table 'unset' sets no customer-managed KMS key (AWS encrypts its data with a key it owns "
        "or manages)",
    ]
    # always encrypted: never "unencrypted"
    assert messages(result, "ENC003") == []


def test_performance_insights_key_only_when_enabled(scan_files: ScanFiles) -> None:
    db = ('resource "aws_db_instance" "{n}" {{\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n'
          "  storage_encrypted = true\n  kms_key_id = aws_kms_key.k.arn\n{extra}}}\n")
    result = scan_files({"main.tf": (
        db.format(n="off", extra="")
        + db.format(n="on", extra="  performance_insights_enabled = true\n")
        + db.format(n="cmk", extra="  performance_insights_enabled = true\n"
                                   "  performance_insights_kms_key_id = aws_kms_key.k.arn\n")
        + 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n'
    )})
    assert messages(result, "ENC004") == [
        "RDS instance 'on' sets no customer-managed KMS key (AWS encrypts its Performance Insights data with "
        "a key it owns or manages)",
    ]
    assert messages(result, "ENC003") == []


def test_ssm_parameter_key_only_for_secure_strings(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_ssm_parameter" "plain" {\n  name = "/app/colour"\n  type = "String"\n  value = "blue"\n}\n'
        'resource "aws_ssm_parameter" "secret" {\n  name = "/app/token"\n  type = "SecureString"\n'
        "  value = var.token\n}\n"
        'variable "token" {}\n'
    )})
    assert [f.resource.address for f in result.findings if f.rule_id == "ENC004"] == ["aws_ssm_parameter.secret"]


def test_dms_s3_engine_endpoint_has_no_key_fact(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_dms_endpoint" "s3" {\n  endpoint_id = "e"\n  endpoint_type = "target"\n'
        '  engine_name = "s3"\n}\n'
        'resource "aws_dms_endpoint" "db" {\n  endpoint_id = "e"\n  endpoint_type = "source"\n'
        '  engine_name = "aurora"\n}\n'
    )})
    assert [f.resource.address for f in result.findings if f.rule_id == "ENC004"] == ["aws_dms_endpoint.db"]


def test_copies_request_encryption(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_ami_copy" "unset" {\n  name = "c"\n  source_ami_id = "ami-1"\n'
        '  source_ami_region = "eu-west-1"\n}\n'
        'resource "aws_ami_copy" "off" {\n  name = "c"\n  source_ami_id = "ami-1"\n'
        '  source_ami_region = "eu-west-1"\n  encrypted = false\n}\n'
        'resource "aws_ami_copy" "on" {\n  name = "c"\n  source_ami_id = "ami-1"\n'
        '  source_ami_region = "eu-west-1"\n  encrypted = true\n  kms_key_id = var.key\n}\n'
        'resource "aws_ami_copy" "unknown" {\n  name = "c"\n  source_ami_id = "ami-1"\n'
        '  source_ami_region = "eu-west-1"\n  encrypted = var.encrypt\n}\n'
        'variable "key" {}\nvariable "encrypt" {}\n'
    )})
    assert messages(result, "ENC009") == [
        "AMI copy 'off' turns encryption off for the copy: the copy is encrypted only if its source already is",
        "AMI copy 'unset' does not request encryption for the copy: the copy is encrypted only if its source "
        "already is",
    ]
    assert messages(result, "ENC003") == [] and messages(result, "ENC002") == []


def test_dlm_cross_region_copies(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_dlm_lifecycle_policy" "p" {\n  description = "d"\n  execution_role_arn = "arn"\n'
        "  policy_details {\n    resource_types = [\"VOLUME\"]\n    schedule {\n      name = \"s\"\n"
        "      cross_region_copy_rule {\n        target = \"us-west-2\"\n        encrypted = true\n"
        "        cmk_arn = var.key\n      }\n"
        "      cross_region_copy_rule {\n        target = \"us-east-2\"\n        encrypted = false\n      }\n"
        "    }\n  }\n}\n"
        'variable "key" {}\n'
    )})
    [finding] = [f for f in result.findings if f.rule_id == "ENC009"]
    assert "turns encryption off for a cross-region copy rule" in finding.message
    assert finding.line == 15  # the second rule's encrypted = false


def test_ebs_encryption_by_default(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_ebs_encryption_by_default" "off" {\n  enabled = false\n}\n'
        'resource "aws_ebs_encryption_by_default" "default" {\n}\n'
    )})
    assert [f.resource.address for f in result.findings if f.rule_id.startswith("ENC")] == [
        "aws_ebs_encryption_by_default.off"]


def test_emr_security_configuration_document(scan_files: ScanFiles) -> None:
    document = ('{{"EncryptionConfiguration": {{"EnableInTransitEncryption": {transit}, '
                '"EnableAtRestEncryption": true, "AtRestEncryptionConfiguration": {{{at_rest}}}}}}}')
    local = '"LocalDiskEncryptionConfiguration": {"EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "arn:k"}'
    s3 = '"S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"}'
    result = scan_files({
        "main.tf": (
            'resource "aws_emr_security_configuration" "weak" {\n  name = "w"\n'
            f"  configuration = jsonencode({document.format(transit='false', at_rest=s3)})\n}}\n"
            'resource "aws_emr_security_configuration" "unknown" {\n  name = "u"\n'
            "  configuration = var.document\n}\n"
            'variable "document" {}\n'
        ),
        "t.yaml": (
            "Resources:\n  Good:\n    Type: AWS::EMR::SecurityConfiguration\n    Properties:\n"
            f"      SecurityConfiguration: '{document.format(transit='true', at_rest=local)}'\n"
        ),
    })
    assert messages(result, "ENC003") == ["EMR security configuration 'weak' does not enable encryption on its "
                                          "local disks"]
    assert messages(result, "ENC008") == ["EMR security configuration 'weak' turns off in-transit encryption "
                                          "between cluster nodes"]
    assert messages(result, "ENC004") == ["EMR security configuration 'weak' encrypts its EMRFS data in S3 with "
                                          "an AWS-managed key, not a customer-managed KMS key"]


def test_classic_elb_negotiation_policies(scan_files: ScanFiles) -> None:
    policy = ('resource "aws_load_balancer_policy" "{n}" {{\n  load_balancer_name = "lb"\n  policy_name = "p"\n'
              '  policy_type_name = "SSLNegotiationPolicyType"\n  policy_attribute {{\n    name = "{a}"\n'
              '    value = "{v}"\n  }}\n}}\n')
    result = scan_files({"main.tf": (
        policy.format(n="old", a="Reference-Security-Policy", v="ELBSecurityPolicy-2016-08")
        + policy.format(n="tls10", a="Protocol-TLSv1", v="true")
        + policy.format(n="tls10off", a="Protocol-TLSv1", v="false")
        + policy.format(n="modern", a="Reference-Security-Policy", v="ELBSecurityPolicy-TLS-1-2-2017-01")
    )})
    assert sorted(f.resource.address for f in result.findings if f.rule_id == "ENC007") == [
        "aws_load_balancer_policy.old", "aws_load_balancer_policy.tls10"]


def test_tf_unexpanded_dynamic_encryption_rule_is_unknown_not_unset(scan_files: ScanFiles) -> None:
    """A dynamic block whose for_each is not static may generate the rule: no
    finding, rather than a false "no default encryption"."""
    result = scan_files({"main.tf": (
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
        'resource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n'
        "  bucket = aws_s3_bucket.b.id\n"
        '  dynamic "rule" {\n    for_each = var.rules\n    content {\n'
        "      apply_server_side_encryption_by_default {\n        sse_algorithm = rule.value.algorithm\n"
        "      }\n    }\n  }\n}\n"
        'resource "aws_s3_bucket" "inline" {\n  bucket = "i"\n'
        '  dynamic "server_side_encryption_configuration" {\n    for_each = var.sse\n    content {}\n  }\n}\n'
    )})
    assert "ENC001" not in rule_ids(result), result.findings

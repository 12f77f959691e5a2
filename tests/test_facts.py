"""Terraform and CloudFormation meet in facts: the same resource written in
either format gives the same facts, so one rule holds for both."""

from __future__ import annotations

from srmlint.aws.facts import EncryptionAtRest, IngressRule, PolicyStatement
from srmlint.engine import Engine
from srmlint.facts import Fact
from srmlint.graph import ResourceGraph
from srmlint.parsers.cloudformation import parse_cloudformation
from srmlint.parsers.terraform import parse_terraform


def facts(engine: Engine, name: str, text: str, address: str) -> list[Fact]:
    pf = parse_terraform(name, text.encode()) if name.endswith(".tf") else parse_cloudformation(name, text.encode())
    assert not pf.problems
    graph = ResourceGraph(pf.resources, pf.definitions, pf.references)
    resource = graph.get(pf.resources[0].scope, address)
    assert resource is not None
    return list(engine.extractors.facts_for(resource, graph))


def semantic(fact: Fact) -> tuple:
    """A fact without where it was stated (paths differ between formats)."""
    if isinstance(fact, EncryptionAtRest):
        return ("enc", fact.state, fact.algorithm)
    if isinstance(fact, IngressRule):
        return ("in", fact.source_kind, fact.cidr, fact.protocol, fact.from_port, fact.to_port)
    if isinstance(fact, PolicyStatement):
        return ("pol", fact.kind, fact.effect, fact.actions, fact.resources)
    raise AssertionError(fact)


def test_same_bucket_same_facts(engine: Engine) -> None:
    tf = facts(engine, "m.tf", (
        'resource "aws_s3_bucket" "b" {}\n'
        'resource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n'
        "  bucket = aws_s3_bucket.b.id\n  rule {\n    apply_server_side_encryption_by_default {\n"
        '      sse_algorithm = "aws:kms"\n      kms_master_key_id = "arn:aws:kms:eu-west-1:1:key/k"\n'
        "    }\n  }\n}\n"
    ), "aws_s3_bucket.b")
    cfn = facts(engine, "t.yaml", (
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n"
        "        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n"
        "              SSEAlgorithm: aws:kms\n              KMSMasterKeyID: arn:aws:kms:eu-west-1:1:key/k\n"
    ), "B")
    tf_enc = [f for f in tf if isinstance(f, EncryptionAtRest)]
    cfn_enc = [f for f in cfn if isinstance(f, EncryptionAtRest)]
    assert [semantic(f) for f in tf_enc] == [semantic(f) for f in cfn_enc] == [("enc", "customer_key", "aws:kms")]
    assert tf_enc[0].source == "aws_s3_bucket_server_side_encryption_configuration.c"


def test_same_security_group_same_facts(engine: Engine) -> None:
    tf = facts(engine, "m.tf", (
        'resource "aws_security_group" "s" {\n'
        '  ingress {\n    protocol = "tcp"\n    from_port = 22\n    to_port = 22\n'
        '    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]\n    ipv6_cidr_blocks = ["::/0"]\n  }\n}\n'
    ), "aws_security_group.s")
    cfn = facts(engine, "t.yaml", (
        "Resources:\n  S:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: s\n"
        "      SecurityGroupIngress:\n"
        "        - {IpProtocol: '6', FromPort: '22', ToPort: 22, CidrIp: 10.0.0.0/8}\n"
        "        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}\n"
        "        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: '::/0'}\n"
    ), "S")
    tf_in = [f for f in tf if isinstance(f, IngressRule)]
    assert sorted(map(semantic, tf_in)) == sorted(semantic(f) for f in cfn if isinstance(f, IngressRule))
    assert len(tf_in) == 3


def test_same_policy_same_facts(engine: Engine) -> None:
    tf = facts(engine, "m.tf", (
        'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n'
        '    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:*"], Resource = "*" }]\n  })\n}\n'
    ), "aws_iam_policy.p")
    cfn = facts(engine, "t.yaml", (
        "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n"
        "        Version: '2012-10-17'\n        Statement:\n"
        "          - {Effect: Allow, Action: [s3:GetObject, 's3:*'], Resource: '*'}\n"
    ), "P")
    policies = [[semantic(f) for f in facts if isinstance(f, PolicyStatement)] for facts in (tf, cfn)]
    assert policies[0] == policies[1] == [("pol", "identity", "Allow", ("s3:GetObject", "s3:*"), ("*",))]

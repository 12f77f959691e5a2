"""ENC013: an S3 bucket whose policy does not refuse requests sent without TLS.

Anti-pattern: no bucket policy, or one with no ``Deny`` for
``aws:SecureTransport`` false: S3 answers plain-HTTP requests from any
principal the account's IAM policies allow.
Fix: a bucket policy statement denying ``s3:*`` on the bucket and its objects
to ``*`` when ``aws:SecureTransport`` is false.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionInTransit
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF_FAIL = 'resource "aws_s3_bucket" "data" {\n  bucket = "example-data"\n}\n'
_TF_PASS = _TF_FAIL + (
    '\nresource "aws_s3_bucket_policy" "data" {\n  bucket = aws_s3_bucket.data.id\n'
    "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
    '      Sid       = "DenyInsecureTransport"\n      Effect    = "Deny"\n      Principal = "*"\n'
    '      Action    = "s3:*"\n      Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]\n'
    '      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })\n}\n'
)
_CFN_FAIL = ("Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: example-data\n")
_CFN_PASS = _CFN_FAIL + (
    "  DataPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Data\n"
    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
    "          - Sid: DenyInsecureTransport\n            Effect: Deny\n            Principal: '*'\n"
    "            Action: s3:*\n            Resource:\n              - !GetAtt Data.Arn\n"
    "              - !Sub '${Data.Arn}/*'\n            Condition:\n              Bool:\n"
    "                aws:SecureTransport: 'false'\n"
)


class S3SecureTransport(Rule):
    meta = RuleMeta(
        id="ENC013",
        slug="s3-secure-transport-not-required",
        title="S3 bucket policy does not deny requests sent without TLS",
        severity=Severity.LOW,
        layer="encryption",
        facts=(EncryptionInTransit,),
        services=("s3",),
        setting="encryption_in_transit",
        rationale=(
            "Network traffic protection is the customer's side of the shared responsibility model. "
            "S3 still answers plain HTTP on its REST endpoints, so a misconfigured client, an old "
            "tool or a hand-written URL can move objects and signed requests in clear text. Only "
            "the bucket policy can make S3 itself refuse them, for every principal. AWS SDKs use "
            "HTTPS by default, so this is defence in depth (AWS Security Hub S3.5): low severity."
        ),
        remediation={
            "terraform": (
                "Add to the bucket's aws_s3_bucket_policy a statement { Effect = \"Deny\", Principal = "
                "\"*\", Action = \"s3:*\", Resource = [bucket ARN, \"<bucket ARN>/*\"], Condition = { Bool "
                "= { \"aws:SecureTransport\" = \"false\" } } }."
            ),
            "cloudformation": (
                "Add to the bucket's AWS::S3::BucketPolicy a statement {Effect: Deny, Principal: '*', "
                "Action: 's3:*', Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*'], Condition: "
                "{Bool: {aws:SecureTransport: 'false'}}}."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
        examples={
            "terraform": Example(fail=_TF_FAIL, pass_=_TF_PASS),
            "cloudformation": Example(fail=_CFN_FAIL, pass_=_CFN_PASS),
        },
        tags=("encryption", "in-transit", "s3"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(EncryptionInTransit):
            if fact.aspect == "secure_transport" and fact.state == "unset":
                yield Hit(f"{subject(resource)} accepts requests over plain HTTP (no bucket policy denies "
                          "aws:SecureTransport false)", path=fact.path)

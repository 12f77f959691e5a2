"""The resource graph connects resources through parsed references only."""

from __future__ import annotations

from srmlint.graph import ResourceGraph
from srmlint.parsers.cloudformation import parse_cloudformation
from srmlint.parsers.terraform import parse_terraform


def tf_graph(files: dict[str, str]) -> ResourceGraph:
    parsed = [parse_terraform(name, text.encode()) for name, text in files.items()]
    return ResourceGraph(
        [r for p in parsed for r in p.resources],
        [d for p in parsed for d in p.definitions],
        [ref for p in parsed for ref in p.references],
    )


def test_terraform_referrers_by_type_and_attribute() -> None:
    graph = tf_graph({
        "m/a.tf": 'resource "aws_s3_bucket" "b" {}\n',
        "m/b.tf": (
            'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n}\n'
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = "x"\n  policy = aws_s3_bucket.b.arn\n}\n'
        ),
        "other/c.tf": 'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n}\n',
    })
    bucket = graph.get("m", "aws_s3_bucket.b")
    assert bucket is not None
    assert {r.address for r in graph.referrers(bucket)} == {"aws_s3_bucket_versioning.v", "aws_s3_bucket_policy.p"}
    assert [r.address for r in graph.referrers(bucket, via="bucket")] == ["aws_s3_bucket_versioning.v"]
    assert [r.scope for r in graph.referrers(bucket, type_="aws_s3_bucket_versioning")] == ["m"]
    versioning = graph.get("m", "aws_s3_bucket_versioning.v")
    assert versioning is not None
    assert graph.targets(versioning) == [bucket]
    assert len(graph.by_type("aws_s3_bucket_versioning")) == 2
    assert len(graph.by_type("aws_s3_bucket_versioning", scope="other")) == 1


def test_cloudformation_edges() -> None:
    pf = parse_cloudformation("t.yaml", (
        b"Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
        b"  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref B\n"
        b"      PolicyDocument:\n        Statement:\n          - Resource: !Sub '${B.Arn}/*'\n"
    ))
    graph = ResourceGraph(pf.resources, pf.definitions, pf.references)
    bucket = graph.get("t.yaml", "B")
    assert bucket is not None
    assert [r.address for r in graph.referrers(bucket, via="Bucket")] == ["P"]
    assert {(ref.attribute, ref.path[0]) for ref in graph.references_to(bucket)} == {
        (None, "Bucket"), ("Arn", "PolicyDocument"),
    }


def test_by_type_in_scope_and_memo_are_per_scan_indexes() -> None:
    """Extractors ask these once per resource: they must be look-ups, and a
    memoised index must be built once, and rebuilt if the graph grows."""
    graph = tf_graph({
        "a/main.tf": 'resource "aws_s3_bucket" "x" {}\nresource "aws_s3_bucket" "y" {}\n',
        "b/main.tf": 'resource "aws_s3_bucket" "x" {}\n',
    })
    assert [r.address for r in graph.by_type("aws_s3_bucket", "a")] == ["aws_s3_bucket.x", "aws_s3_bucket.y"]
    assert [r.scope for r in graph.by_type("aws_s3_bucket", "b")] == ["b"]
    assert graph.by_type("aws_s3_bucket", "c") == []
    calls: list[str] = []

    def names() -> frozenset[str]:
        calls.append("computed")
        return frozenset(r.address for r in graph.by_type("aws_s3_bucket", "a"))

    assert graph.memo(("names", "a"), names) == graph.memo(("names", "a"), names)
    assert calls == ["computed"]
    extra = tf_graph({"a/extra.tf": 'resource "aws_s3_bucket" "z" {}\n'}).get("a", "aws_s3_bucket.z")
    assert extra is not None
    graph.add_resource(extra)
    assert "aws_s3_bucket.z" in graph.memo(("names", "a"), names)
    assert calls == ["computed", "computed"]

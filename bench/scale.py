"""Does srmlint's cost grow linearly with the size of a repository?

Generates synthetic repositories of 1k, 10k and 50k resources (half
Terraform, half CloudFormation; 10 resources per file, 50 files per
Terraform module folder, with references between resources so the graph,
the connected-resource look-ups and the rules all have work to do), runs
srmlint over each as one whole process, and prints wall time, peak RSS and
both per thousand resources: flat per-thousand figures mean linear growth, a
rising one a quadratic pass somewhere.

    python bench/scale.py [--sizes 1000,10000,50000] [--jobs N] [--json FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

PER_FILE = 10
FILES_PER_MODULE = 50

_TF = '''resource "aws_s3_bucket" "b{i}" {{
  bucket = "bucket-{i}"
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "b{i}" {{
  bucket = aws_s3_bucket.b{i}.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}

resource "aws_security_group" "sg{i}" {{
  name = "sg-{i}"
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

resource "aws_iam_policy" "p{i}" {{
  policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.b{i}.arn }}]
  }})
}}

resource "aws_instance" "i{i}" {{
  ami                    = var.ami
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.sg{i}.id]
}}
'''

_CFN_HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Ami:\n    Type: String\nResources:\n'
_CFN = '''  Bucket{i}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "bucket-{i}-${{AWS::AccountId}}"
  Sg{i}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: sg {i}
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}}
  Policy{i}:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {{Effect: Allow, Action: "s3:*", Resource: !GetAtt Bucket{i}.Arn}}
  Volume{i}:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: eu-west-1a
      Size: 10
  Instance{i}:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref Ami
      SecurityGroupIds: [!Ref Sg{i}]
'''


def generate(root: Path, resources: int) -> int:
    """Write a repository of about ``resources`` resources under ``root``; returns the file count."""
    files = max(2, resources // PER_FILE)
    tf_files = files // 2
    for n in range(tf_files):
        module = root / "terraform" / f"m{n // FILES_PER_MODULE:04}"
        module.mkdir(parents=True, exist_ok=True)
        if n % FILES_PER_MODULE == 0:
            (module / "variables.tf").write_text('variable "ami" {\n  type = string\n}\n')
        (module / f"f{n:05}.tf").write_text(_TF.format(i=2 * n) + _TF.format(i=2 * n + 1))
    cfn = root / "cloudformation"
    cfn.mkdir(parents=True, exist_ok=True)
    for n in range(files - tf_files):
        folder = cfn / f"d{n // FILES_PER_MODULE:04}"
        folder.mkdir(exist_ok=True)
        (folder / f"t{n:05}.yaml").write_text(_CFN_HEAD + _CFN.format(i=2 * n) + _CFN.format(i=2 * n + 1))
    return files


def run(argv: Sequence[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user+system, workers included) and peak RSS
    (MiB, largest process of the tree) of one run. CPU time is reported too
    because a busy shared machine inflates wall time, not CPU time."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)  # 1 = findings, expected
    if code not in (0, 1):
        raise SystemExit(f"srmlint failed ({code}): {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/scale.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="resource counts, comma-separated")
    parser.add_argument("--jobs", default="1", help="srmlint --jobs (default 1: the in-process curve)")
    parser.add_argument("--srmlint", default=f"{shlex.quote(sys.executable)} -m srmlint", metavar="CMD")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (default: a temp folder)")
    args = parser.parse_args(argv)
    rows = []
    env_note = "PYTHONDONTWRITEBYTECODE unset"
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="srmlint-scale-") as tmp:
        base = Path(args.keep or tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            root = base / f"r{size}"
            files = generate(root, size)
            cmd = [*shlex.split(args.srmlint), "check", str(root), "--format", "json", "--no-cache",
                   "--jobs", args.jobs]
            wall, cpu, rss = run(cmd)
            rows.append({"resources": size, "files": files, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                         "peak_rss_mib": round(rss, 1),
                         "cpu_ms_per_1k_resources": round(1000 * cpu / (size / 1000), 1),
                         "mib_per_1k_resources": round(rss / (size / 1000), 2)})
            sys.stderr.write(f"{size} resources: {wall:.2f} s wall, {cpu:.2f} s CPU, {rss:.1f} MiB\n")
    print("| resources | files | wall s | CPU s | peak RSS MiB | CPU ms per 1k resources | MiB per 1k resources |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['resources']} | {r['files']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {r['peak_rss_mib']:.1f} | "
              f"{r['cpu_ms_per_1k_resources']:.0f} | {r['mib_per_1k_resources']:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"jobs": args.jobs, "env": env_note, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

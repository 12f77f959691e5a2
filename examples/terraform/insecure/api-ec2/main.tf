# The same REST API on Amazon EC2 (infrastructure service): now the customer
# also owns the guest OS and its patching, the installed runtime, the
# firewall (security group) and the disks' encryption. This variant leaves
# them open.

resource "aws_s3_bucket" "uploads" {
  bucket = "example-api-uploads"
}

resource "aws_security_group" "api" {
  name        = "example-api"
  description = "REST API instances"

  ingress {
    description = "everything, from everywhere"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_iam_role" "api" {
  name               = "example-api-ec2"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "sts:AssumeRole",
    "Principal": {"Service": "ec2.amazonaws.com"}
  }]
}
POLICY
}

resource "aws_iam_policy" "api" {
  name   = "example-api"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
}
POLICY
}

resource "aws_instance" "api" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.api.id]
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = false
}

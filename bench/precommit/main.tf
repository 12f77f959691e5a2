# One small module, as a pre-commit hook sees it: a file that just changed.
resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

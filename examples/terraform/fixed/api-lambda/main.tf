# The REST API on AWS Lambda (function service), with the customer's side
# configured: the bucket encrypts with a customer-managed key and the
# function's role may only read and write its own bucket.

resource "aws_kms_key" "uploads" {
  description         = "example-api uploads"
  enable_key_rotation = true
}

# MFA delete can only be turned on with the root user's MFA device, so it is
# set out of band, not from Terraform (CloudFormation cannot set it at all).
# srmlint:ignore BKP002 -- MFA delete is enabled by the account owner out of band
resource "aws_s3_bucket" "uploads" {
  bucket = "example-api-uploads"
}

resource "aws_s3_bucket_public_access_block" "uploads" {
  bucket                  = aws_s3_bucket.uploads.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.uploads.arn, "${aws_s3_bucket.uploads.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_logging" "uploads" {
  bucket        = aws_s3_bucket.uploads.id
  target_bucket = "example-access-logs"
  target_prefix = "uploads/"
}

resource "aws_s3_bucket_versioning" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.uploads.arn
    }
  }
}

resource "aws_iam_role" "api" {
  name = "example-api-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

data "aws_iam_policy_document" "uploads" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/*"]
  }
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.uploads.arn]
  }
}

resource "aws_iam_role_policy" "api" {
  name   = "uploads"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.uploads.json
}

resource "aws_signer_signing_profile" "api" {
  platform_id = "AWSLambda-SHA384-ECDSA"
}

resource "aws_lambda_code_signing_config" "api" {
  allowed_publishers {
    signing_profile_version_arns = [aws_signer_signing_profile.api.version_arn]
  }
  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}

resource "aws_lambda_function" "api" {
  function_name           = "example-api"
  role                    = aws_iam_role.api.arn
  runtime                 = "python3.12"
  handler                 = "app.handler"
  filename                = "build/api.zip"
  kms_key_arn             = aws_kms_key.uploads.arn
  code_signing_config_arn = aws_lambda_code_signing_config.api.arn
  tracing_config {
    mode = "Active"
  }
  environment {
    variables = { UPLOAD_BUCKET = aws_s3_bucket.uploads.bucket }
  }
}

resource "aws_apigatewayv2_api" "api" {
  name          = "example-api"
  protocol_type = "HTTP"
  target        = aws_lambda_function.api.arn
}

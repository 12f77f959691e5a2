# The REST API on AWS Lambda (function service): AWS runs and patches the
# servers, the OS and the runtime; the customer still owns the code, the data,
# the IAM role and the encryption configuration. This variant leaves two of
# those unconfigured.

resource "aws_s3_bucket" "uploads" {
  bucket = "example-api-uploads"
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

resource "aws_iam_role_policy" "api" {
  name = "uploads"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
    }]
  })
}

resource "aws_lambda_function" "api" {
  function_name = "example-api"
  role          = aws_iam_role.api.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/api.zip"
  environment {
    variables = { UPLOAD_BUCKET = aws_s3_bucket.uploads.bucket }
  }
}

resource "aws_apigatewayv2_api" "api" {
  name          = "example-api"
  protocol_type = "HTTP"
  target        = aws_lambda_function.api.arn
}

# srmlint shim for terraform-aws-modules/lambda/aws (followed: v8.x main.tf; the inputs
# below have the same defaults in v3-v8). Not the module: the variables that decide the
# function's runtime, tracing, environment, key, code signing, VPC and dead-letter queue, its function URL, and its log
# group, with the module's defaults, and the resources they produce. IAM role, layers,
# packaging and event sources are not modelled. Locations are moved to the module call.

variable "create" {
  type    = bool
  default = true
}

variable "create_function" {
  type    = bool
  default = true
}

variable "create_layer" {
  type    = bool
  default = false
}

variable "function_name" {
  type    = string
  default = ""
}

variable "package_type" {
  type    = string
  default = "Zip"
}

variable "runtime" {
  type    = string
  default = ""
}

variable "handler" {
  type    = string
  default = ""
}

variable "tracing_mode" {
  type    = string
  default = null
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "environment_variables" {
  type    = map(string)
  default = {}
}

variable "code_signing_config_arn" {
  type    = string
  default = null
}

variable "dead_letter_target_arn" {
  type    = string
  default = null
}

variable "vpc_subnet_ids" {
  type    = list(string)
  default = null
}

variable "vpc_security_group_ids" {
  type    = list(string)
  default = null
}

variable "create_lambda_function_url" {
  type    = bool
  default = false
}

variable "authorization_type" {
  type    = string
  default = "NONE"
}

variable "use_existing_cloudwatch_log_group" {
  type    = bool
  default = false
}

variable "cloudwatch_logs_retention_in_days" {
  type    = number
  default = null
}

variable "cloudwatch_logs_kms_key_id" {
  type    = string
  default = null
}

locals {
  create_function = var.create && var.create_function && !var.create_layer
}

resource "aws_lambda_function" "this" {
  count = local.create_function ? 1 : 0

  function_name = var.function_name
  handler       = var.package_type != "Zip" ? null : var.handler
  runtime       = var.package_type != "Zip" ? null : var.runtime
  package_type  = var.package_type
  kms_key_arn   = var.kms_key_arn

  code_signing_config_arn = var.code_signing_config_arn

  dynamic "dead_letter_config" {
    for_each = var.dead_letter_target_arn == null ? [] : [true]
    content {
      target_arn = var.dead_letter_target_arn
    }
  }

  dynamic "vpc_config" {
    for_each = var.vpc_subnet_ids != null && var.vpc_security_group_ids != null ? [true] : []
    content {
      security_group_ids = var.vpc_security_group_ids
      subnet_ids         = var.vpc_subnet_ids
    }
  }

  dynamic "environment" {
    for_each = length(keys(var.environment_variables)) == 0 ? [] : [true]
    content {
      variables = var.environment_variables
    }
  }

  dynamic "tracing_config" {
    for_each = var.tracing_mode == null ? [] : [true]
    content {
      mode = var.tracing_mode
    }
  }
}

resource "aws_lambda_function_url" "this" {
  count = local.create_function && var.create_lambda_function_url ? 1 : 0

  function_name      = aws_lambda_function.this[0].function_name
  authorization_type = var.authorization_type
}

resource "aws_cloudwatch_log_group" "lambda" {
  count = local.create_function && !var.use_existing_cloudwatch_log_group ? 1 : 0

  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_id        = var.cloudwatch_logs_kms_key_id
}

output "lambda_function_arn" {
  value = aws_lambda_function.this[0].arn
}

output "lambda_function_name" {
  value = aws_lambda_function.this[0].function_name
}

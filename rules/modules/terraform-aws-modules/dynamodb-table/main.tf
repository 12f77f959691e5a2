# srmlint shim for terraform-aws-modules/dynamodb-table/aws (followed: v4.x main.tf; the
# inputs below have the same defaults in v1-v5; deletion_protection_enabled exists since
# v3). Not the module: the variables that decide the table's encryption, point-in-time
# recovery, deletion protection and stream, with the module's defaults, and the table
# they produce (also for autoscaled tables, which the module writes as a second resource
# with the same settings). Replicas, indexes and autoscaling are not modelled. Locations
# are moved to the module call.

variable "create_table" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "billing_mode" {
  type    = string
  default = "PAY_PER_REQUEST"
}

variable "hash_key" {
  type    = string
  default = null
}

variable "range_key" {
  type    = string
  default = null
}

variable "table_class" {
  type    = string
  default = null
}

variable "deletion_protection_enabled" {
  type    = bool
  default = null
}

variable "point_in_time_recovery_enabled" {
  type    = bool
  default = false
}

variable "point_in_time_recovery_period_in_days" {
  type    = number
  default = null
}

variable "stream_enabled" {
  type    = bool
  default = false
}

variable "stream_view_type" {
  type    = string
  default = null
}

variable "server_side_encryption_enabled" {
  type    = bool
  default = false
}

variable "server_side_encryption_kms_key_arn" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_dynamodb_table" "this" {
  count = var.create_table ? 1 : 0

  name                        = var.name
  billing_mode                = var.billing_mode
  hash_key                    = var.hash_key
  range_key                   = var.range_key
  table_class                 = var.table_class
  deletion_protection_enabled = var.deletion_protection_enabled
  stream_enabled              = var.stream_enabled
  stream_view_type            = var.stream_view_type

  # Always one block each, as the module writes them; dynamic so that a finding on the
  # block lands on the input that decides it.
  dynamic "point_in_time_recovery" {
    for_each = tolist([var.point_in_time_recovery_enabled])

    content {
      enabled                 = var.point_in_time_recovery_enabled
      recovery_period_in_days = var.point_in_time_recovery_enabled ? var.point_in_time_recovery_period_in_days : null
    }
  }

  dynamic "server_side_encryption" {
    for_each = tolist([var.server_side_encryption_enabled])

    content {
      enabled     = var.server_side_encryption_enabled
      kms_key_arn = var.server_side_encryption_kms_key_arn
    }
  }

  tags = var.tags
}

output "dynamodb_table_arn" {
  value = try(aws_dynamodb_table.this[0].arn, null)
}

output "dynamodb_table_id" {
  value = try(aws_dynamodb_table.this[0].id, null)
}

output "dynamodb_table_stream_arn" {
  value = try(aws_dynamodb_table.this[0].stream_arn, null)
}

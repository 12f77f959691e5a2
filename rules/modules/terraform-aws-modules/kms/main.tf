# srmlint shim for terraform-aws-modules/kms/aws (followed: v4.x main.tf; the inputs
# below have the same defaults in v1-v4). Not the module: the variables that decide the
# key's rotation and state, with the module's defaults, and the key they produce. The key
# policy the module assembles is not known here. Locations are moved to the module call.

variable "create" {
  type    = bool
  default = true
}

variable "create_external" {
  type    = bool
  default = false
}

variable "create_replica" {
  type    = bool
  default = false
}

variable "create_replica_external" {
  type    = bool
  default = false
}

variable "description" {
  type    = string
  default = null
}

variable "key_usage" {
  type    = string
  default = null
}

variable "customer_master_key_spec" {
  type    = string
  default = null
}

variable "is_enabled" {
  type    = bool
  default = null
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

variable "rotation_period_in_days" {
  type    = number
  default = null
}

variable "deletion_window_in_days" {
  type    = number
  default = null
}

variable "multi_region" {
  type    = bool
  default = false
}

resource "aws_kms_key" "this" {
  count = var.create && !var.create_external && !var.create_replica && !var.create_replica_external ? 1 : 0

  description              = var.description
  key_usage                = var.key_usage
  customer_master_key_spec = var.customer_master_key_spec
  is_enabled               = var.is_enabled
  enable_key_rotation      = var.enable_key_rotation
  rotation_period_in_days  = var.rotation_period_in_days
  deletion_window_in_days  = var.deletion_window_in_days
  multi_region             = var.multi_region
  policy                   = data.aws_iam_policy_document.this[0].json
}

data "aws_iam_policy_document" "this" {
  count = var.create ? 1 : 0
}

output "key_arn" {
  value = aws_kms_key.this[0].arn
}

output "key_id" {
  value = aws_kms_key.this[0].key_id
}

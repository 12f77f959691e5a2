# srmlint shim for terraform-aws-modules/iam/aws//modules/iam-policy (followed: v5.x
# main.tf; the inputs below have the same defaults in v3-v5). Not the module: the policy
# document and whether it is created, with the module's defaults, and the managed policy
# they produce. Locations are moved to the module call.

variable "create_policy" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "name_prefix" {
  type    = string
  default = null
}

variable "path" {
  type    = string
  default = "/"
}

variable "description" {
  type    = string
  default = "IAM Policy"
}

variable "policy" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_iam_policy" "policy" {
  count = var.create_policy ? 1 : 0

  name        = var.name
  name_prefix = var.name_prefix
  path        = var.path
  description = var.description
  policy      = var.policy

  tags = var.tags
}

output "id" {
  value = try(aws_iam_policy.policy[0].id, "")
}

output "arn" {
  value = try(aws_iam_policy.policy[0].arn, "")
}

output "name" {
  value = try(aws_iam_policy.policy[0].name, "")
}

output "policy" {
  value = try(aws_iam_policy.policy[0].policy, "")
}

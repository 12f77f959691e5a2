# srmlint shim for terraform-aws-modules/ecr/aws (followed: v2.x main.tf; the inputs below
# have the same defaults in v1-v3). Not the module: the variables that decide a private
# repository's tag mutability, image scanning and encryption, and a repository policy the
# caller writes, with the module's defaults, and the resources they produce. The policy
# the module assembles itself (create_repository_policy, the default: read access for the
# given ARNs, else the account) is not known here; public repositories, registry
# policies, scanning and replication are not modelled. Locations are moved to the call.

variable "create" {
  type    = bool
  default = true
}

variable "create_repository" {
  type    = bool
  default = true
}

variable "repository_type" {
  type    = string
  default = "private"
}

variable "repository_name" {
  type    = string
  default = ""
}

variable "repository_image_tag_mutability" {
  type    = string
  default = "IMMUTABLE"
}

variable "repository_encryption_type" {
  type    = string
  default = null
}

variable "repository_kms_key" {
  type    = string
  default = null
}

variable "repository_force_delete" {
  type    = bool
  default = null
}

variable "repository_image_scan_on_push" {
  type    = bool
  default = true
}

variable "attach_repository_policy" {
  type    = bool
  default = true
}

variable "create_repository_policy" {
  type    = bool
  default = true
}

variable "repository_policy" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  create_private_repository = var.create && var.create_repository && var.repository_type == "private"
}

resource "aws_ecr_repository" "this" {
  count = local.create_private_repository ? 1 : 0

  name                 = var.repository_name
  image_tag_mutability = var.repository_image_tag_mutability

  encryption_configuration {
    encryption_type = var.repository_encryption_type
    kms_key         = var.repository_kms_key
  }

  force_delete = var.repository_force_delete

  # A dynamic block (the module writes a plain one) so that a finding on it lands on the input.
  dynamic "image_scanning_configuration" {
    for_each = var.repository_image_scan_on_push != null ? [var.repository_image_scan_on_push] : []

    content {
      scan_on_push = var.repository_image_scan_on_push
    }
  }

  tags = var.tags
}

# The module writes one aws_ecr_repository_policy whose policy is either; two resources here
# so that a finding on the caller's policy lands on its repository_policy input.
resource "aws_ecr_repository_policy" "this" {
  count = local.create_private_repository && var.attach_repository_policy && !var.create_repository_policy ? 1 : 0

  repository = aws_ecr_repository.this[0].name
  policy     = var.repository_policy
}

resource "aws_ecr_repository_policy" "assembled" {
  count = local.create_private_repository && var.attach_repository_policy && var.create_repository_policy ? 1 : 0

  repository = aws_ecr_repository.this[0].name
  policy     = data.aws_iam_policy_document.repository[0].json
}

data "aws_iam_policy_document" "repository" {
  count = var.create && var.create_repository && var.create_repository_policy ? 1 : 0
}

output "repository_name" {
  value = try(aws_ecr_repository.this[0].name, null)
}

output "repository_arn" {
  value = try(aws_ecr_repository.this[0].arn, null)
}

output "repository_url" {
  value = try(aws_ecr_repository.this[0].repository_url, null)
}

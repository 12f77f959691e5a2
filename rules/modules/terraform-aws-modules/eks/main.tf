# srmlint shim for terraform-aws-modules/eks/aws (followed: v21.x main.tf; v20 names its
# inputs cluster_*: both spellings are read, the v21 one wins). Not the module: the
# variables that decide the cluster endpoint's exposure, control-plane logging and
# secrets encryption, with the module's defaults (same in v20 and v21), and the cluster
# they produce. Node groups are not modelled. Locations are moved to the module call.

variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = ""
}

variable "endpoint_public_access" {
  type    = bool
  default = null
}

variable "cluster_endpoint_public_access" {
  type    = bool
  default = null
}

variable "endpoint_private_access" {
  type    = bool
  default = null
}

variable "cluster_endpoint_private_access" {
  type    = bool
  default = null
}

variable "endpoint_public_access_cidrs" {
  type    = list(string)
  default = null
}

variable "cluster_endpoint_public_access_cidrs" {
  type    = list(string)
  default = null
}

variable "enabled_log_types" {
  type    = list(string)
  default = null
}

variable "cluster_enabled_log_types" {
  type    = list(string)
  default = null
}

variable "encryption_config" {
  type    = any
  default = {}
}

variable "cluster_encryption_config" {
  type    = any
  default = {}
}

variable "create_kms_key" {
  type    = bool
  default = true
}

locals {
  public_access  = try(coalesce(var.endpoint_public_access, var.cluster_endpoint_public_access), false)
  private_access = try(coalesce(var.endpoint_private_access, var.cluster_endpoint_private_access), true)
  public_cidrs   = try(coalesce(var.endpoint_public_access_cidrs, var.cluster_endpoint_public_access_cidrs), ["0.0.0.0/0"])
  log_types      = try(coalesce(var.enabled_log_types, var.cluster_enabled_log_types), ["audit", "api", "authenticator"])
  encryption     = var.encryption_config == null || var.cluster_encryption_config == null ? null : merge(var.cluster_encryption_config, var.encryption_config)
}

resource "aws_eks_cluster" "this" {
  count = var.create ? 1 : 0

  name                      = var.name
  enabled_cluster_log_types = local.log_types

  vpc_config {
    endpoint_private_access = local.private_access
    endpoint_public_access  = local.public_access
    public_access_cidrs     = local.public_cidrs
  }

  dynamic "encryption_config" {
    for_each = local.encryption == null ? [] : [local.encryption]
    content {
      provider {
        key_arn = var.create_kms_key ? aws_kms_key.this[0].arn : try(encryption_config.value.provider_key_arn, null)
      }
      resources = try(encryption_config.value.resources, ["secrets"])
    }
  }
}

output "cluster_name" {
  value = aws_eks_cluster.this[0].name
}

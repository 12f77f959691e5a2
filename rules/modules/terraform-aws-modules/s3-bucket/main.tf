# srmlint shim for terraform-aws-modules/s3-bucket/aws (followed: v5.x main.tf). Not the
# module: the variables that decide the bucket's encryption, versioning, access logging,
# public access block, ACL and bucket policy, with the module's defaults, and the
# resources they produce. Where a default differs between majors, the shim takes the one
# that yields no finding (block_public_* and restrict_public_buckets: false before v4,
# true since). A bucket policy the module assembles from anything but the insecure-transport
# deny is not known here. Locations are moved to the module call.

variable "create_bucket" {
  type    = bool
  default = true
}

variable "is_directory_bucket" {
  type    = bool
  default = false
}

variable "bucket" {
  type    = string
  default = null
}

variable "bucket_prefix" {
  type    = string
  default = null
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "acl" {
  type    = string
  default = null
}

variable "attach_policy" {
  type    = bool
  default = false
}

variable "policy" {
  type    = string
  default = null
}

variable "attach_deny_insecure_transport_policy" {
  type    = bool
  default = false
}

variable "attach_require_latest_tls_policy" {
  type    = bool
  default = false
}

variable "attach_elb_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_lb_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_access_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_cloudtrail_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_waf_log_delivery_policy" {
  type    = bool
  default = false
}

variable "attach_inventory_destination_policy" {
  type    = bool
  default = false
}

variable "attach_analytics_destination_policy" {
  type    = bool
  default = false
}

variable "attach_deny_incorrect_encryption_headers" {
  type    = bool
  default = false
}

variable "attach_deny_incorrect_kms_key_sse" {
  type    = bool
  default = false
}

variable "attach_deny_unencrypted_object_uploads" {
  type    = bool
  default = false
}

variable "attach_deny_ssec_encrypted_object_uploads" {
  type    = bool
  default = false
}

variable "attach_public_policy" {
  type    = bool
  default = true
}

variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

variable "versioning" {
  type    = map(string)
  default = {}
}

variable "logging" {
  type    = any
  default = {}
}

variable "server_side_encryption_configuration" {
  type    = any
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  create = var.create_bucket && !var.is_directory_bucket
  # Policies the module assembles that the shim does not state.
  other_policies = var.attach_policy || var.attach_require_latest_tls_policy || var.attach_elb_log_delivery_policy || var.attach_lb_log_delivery_policy || var.attach_access_log_delivery_policy || var.attach_cloudtrail_log_delivery_policy || var.attach_waf_log_delivery_policy || var.attach_inventory_destination_policy || var.attach_analytics_destination_policy || var.attach_deny_incorrect_encryption_headers || var.attach_deny_incorrect_kms_key_sse || var.attach_deny_unencrypted_object_uploads || var.attach_deny_ssec_encrypted_object_uploads
}

resource "aws_s3_bucket" "this" {
  count = local.create ? 1 : 0

  bucket        = var.bucket
  bucket_prefix = var.bucket_prefix
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_acl" "this" {
  count = local.create && var.acl != null && var.acl != "null" ? 1 : 0

  bucket = aws_s3_bucket.this[0].id
  acl    = var.acl
}

resource "aws_s3_bucket_logging" "this" {
  count = local.create && length(keys(var.logging)) > 0 ? 1 : 0

  bucket        = aws_s3_bucket.this[0].id
  target_bucket = var.logging["target_bucket"]
  target_prefix = try(var.logging["target_prefix"], null)
}

resource "aws_s3_bucket_versioning" "this" {
  count = local.create && length(keys(var.versioning)) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  versioning_configuration {
    status     = try(var.versioning["enabled"] ? "Enabled" : "Suspended", tobool(var.versioning["status"]) ? "Enabled" : "Suspended", title(lower(var.versioning["status"])), "Enabled")
    mfa_delete = try(tobool(var.versioning["mfa_delete"]) ? "Enabled" : "Disabled", title(lower(var.versioning["mfa_delete"])), null)
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count = local.create && length(keys(var.server_side_encryption_configuration)) > 0 ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  dynamic "rule" {
    for_each = try(flatten([var.server_side_encryption_configuration["rule"]]), [])

    content {
      bucket_key_enabled = try(rule.value.bucket_key_enabled, null)

      dynamic "apply_server_side_encryption_by_default" {
        for_each = try([rule.value.apply_server_side_encryption_by_default], [])

        content {
          sse_algorithm     = apply_server_side_encryption_by_default.value.sse_algorithm
          kms_master_key_id = try(apply_server_side_encryption_by_default.value.kms_master_key_id, null)
        }
      }
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  count = local.create && var.attach_public_policy ? 1 : 0

  bucket                  = aws_s3_bucket.this[0].id
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}

resource "aws_s3_bucket_policy" "this" {
  count = local.create && (var.attach_deny_insecure_transport_policy || local.other_policies) ? 1 : 0

  bucket = aws_s3_bucket.this[0].id
  policy = local.other_policies ? data.aws_iam_policy_document.combined[0].json : jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "denyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.this[0].arn, "${aws_s3_bucket.this[0].arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

data "aws_iam_policy_document" "combined" {
  count = local.create && local.other_policies ? 1 : 0
}

output "s3_bucket_id" {
  value = aws_s3_bucket.this[0].id
}

output "s3_bucket_arn" {
  value = aws_s3_bucket.this[0].arn
}

# srmlint shim for terraform-aws-modules/iam/aws//modules/iam-assumable-role (followed:
# v5.x main.tf; the inputs below have the same defaults in v3-v5; the module was replaced
# by iam-role in v6). Not the module: whether the role is created and the managed policies
# attached to it (custom ARNs, and the AWS AdministratorAccess, PowerUserAccess and
# ReadOnlyAccess policies behind attach_*_policy), with the module's defaults, and the
# resources they produce. The trust policy the module assembles (trusted ARNs and
# services, MFA and external-id conditions, or custom_role_trust_policy) is not known
# here. Locations are moved to the module call.

variable "create_role" {
  type    = bool
  default = false
}

variable "create_instance_profile" {
  type    = bool
  default = false
}

variable "role_name" {
  type    = string
  default = null
}

variable "role_name_prefix" {
  type    = string
  default = null
}

variable "role_path" {
  type    = string
  default = "/"
}

variable "role_description" {
  type    = string
  default = ""
}

variable "max_session_duration" {
  type    = number
  default = 3600
}

variable "role_permissions_boundary_arn" {
  type    = string
  default = ""
}

variable "custom_role_policy_arns" {
  type    = list(string)
  default = []
}

variable "attach_admin_policy" {
  type    = bool
  default = false
}

variable "attach_poweruser_policy" {
  type    = bool
  default = false
}

variable "attach_readonly_policy" {
  type    = bool
  default = false
}

variable "admin_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/AdministratorAccess"
}

variable "poweruser_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/PowerUserAccess"
}

variable "readonly_role_policy_arn" {
  type    = string
  default = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_iam_role" "this" {
  count = var.create_role ? 1 : 0

  name                 = var.role_name
  name_prefix          = var.role_name_prefix
  path                 = var.role_path
  description          = var.role_description
  max_session_duration = var.max_session_duration
  permissions_boundary = var.role_permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json

  tags = var.tags
}

data "aws_iam_policy_document" "assume_role" {
}

resource "aws_iam_role_policy_attachment" "custom" {
  count = var.create_role ? length(var.custom_role_policy_arns) : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.custom_role_policy_arns[count.index]
}

resource "aws_iam_role_policy_attachment" "admin" {
  count = var.create_role && var.attach_admin_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.attach_admin_policy ? var.admin_role_policy_arn : null # placed at attach_admin_policy
}

resource "aws_iam_role_policy_attachment" "poweruser" {
  count = var.create_role && var.attach_poweruser_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.attach_poweruser_policy ? var.poweruser_role_policy_arn : null # placed at attach_poweruser_policy
}

resource "aws_iam_role_policy_attachment" "readonly" {
  count = var.create_role && var.attach_readonly_policy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = var.attach_readonly_policy ? var.readonly_role_policy_arn : null # placed at attach_readonly_policy
}

resource "aws_iam_instance_profile" "this" {
  count = var.create_role && var.create_instance_profile ? 1 : 0

  name = var.role_name
  path = var.role_path
  role = aws_iam_role.this[0].name
}

output "iam_role_arn" {
  value = try(aws_iam_role.this[0].arn, "")
}

output "iam_role_name" {
  value = try(aws_iam_role.this[0].name, "")
}

output "iam_instance_profile_name" {
  value = try(aws_iam_instance_profile.this[0].name, "")
}

# srmlint shim for terraform-aws-modules/sns/aws (followed: v6.x main.tf; the inputs below
# have the same defaults in v3-v6). Not the module: the variables that decide the topic's
# encryption at rest, with the module's defaults, and the topic they produce. The topic
# policy and subscriptions are not modelled. Locations are moved to the module call.

variable "create" {
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

variable "fifo_topic" {
  type    = bool
  default = false
}

variable "kms_master_key_id" {
  type    = string
  default = null
}

resource "aws_sns_topic" "this" {
  count = var.create ? 1 : 0

  name              = var.name
  name_prefix       = var.name_prefix
  fifo_topic        = var.fifo_topic
  kms_master_key_id = var.kms_master_key_id
}

output "topic_arn" {
  value = aws_sns_topic.this[0].arn
}

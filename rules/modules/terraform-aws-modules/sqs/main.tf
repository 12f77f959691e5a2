# srmlint shim for terraform-aws-modules/sqs/aws (followed: v4.x main.tf). Not the
# module: the variables that decide the queue's encryption at rest, with the module's
# defaults, and the queue they produce. Where a default differs between majors, the shim
# takes the one that yields no finding (sqs_managed_sse_enabled: true since v4). The
# dead-letter queue and queue policy are not modelled. Locations are moved to the call.

variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "fifo_queue" {
  type    = bool
  default = false
}

variable "kms_master_key_id" {
  type    = string
  default = null
}

variable "kms_data_key_reuse_period_seconds" {
  type    = number
  default = null
}

variable "sqs_managed_sse_enabled" {
  type    = bool
  default = true
}

resource "aws_sqs_queue" "this" {
  count = var.create ? 1 : 0

  name                              = var.name
  fifo_queue                        = var.fifo_queue
  kms_master_key_id                 = var.kms_master_key_id
  kms_data_key_reuse_period_seconds = var.kms_data_key_reuse_period_seconds
  sqs_managed_sse_enabled           = var.kms_master_key_id != null ? null : var.sqs_managed_sse_enabled
}

output "queue_arn" {
  value = aws_sqs_queue.this[0].arn
}

output "queue_url" {
  value = aws_sqs_queue.this[0].url
}

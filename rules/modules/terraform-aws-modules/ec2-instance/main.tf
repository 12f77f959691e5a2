# srmlint shim for terraform-aws-modules/ec2-instance/aws (followed: v6.x main.tf, with
# the v5.x input shapes still accepted: root_block_device as a list, ebs_block_device).
# Not the module: the variables that decide the instance's metadata service, public IP,
# volume encryption, monitoring, user data and instance profile, with the module's
# defaults, and the resources they produce. metadata_options: v6 defaults to
# { http_endpoint = "enabled", http_put_response_hop_limit = 1, http_tokens = "required" }
# (also for an entry left out of a given map); v5 left http_tokens "optional": where a
# default differs between majors the shim takes the one that yields no finding. The
# security group v6 creates (create_security_group), the IAM role of
# create_iam_instance_profile, spot requests and EIPs are not modelled. Locations are
# moved to the module call.

variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = ""
}

variable "ami" {
  type    = string
  default = null
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}

variable "create_spot_instance" {
  type    = bool
  default = false
}

variable "launch_template" {
  type    = any
  default = null
}

variable "subnet_id" {
  type    = string
  default = null
}

variable "vpc_security_group_ids" {
  type    = list(string)
  default = []
}

variable "associate_public_ip_address" {
  type    = bool
  default = null
}

variable "key_name" {
  type    = string
  default = null
}

variable "monitoring" {
  type    = bool
  default = null
}

variable "ebs_optimized" {
  type    = bool
  default = null
}

variable "disable_api_termination" {
  type    = bool
  default = null
}

variable "create_iam_instance_profile" {
  type    = bool
  default = false
}

variable "iam_instance_profile" {
  type    = string
  default = null
}

variable "user_data" {
  type    = string
  default = null
}

variable "user_data_base64" {
  type    = string
  default = null
}

variable "metadata_options" {
  type = any
  default = {
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
    http_tokens                 = "required"
  }
}

variable "root_block_device" {
  type    = any
  default = null
}

variable "ebs_block_device" {
  type    = list(any)
  default = []
}

variable "ebs_volumes" {
  type    = any
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  create = var.create && !var.create_spot_instance
}

resource "aws_instance" "this" {
  count = local.create ? 1 : 0

  ami           = var.ami
  instance_type = var.instance_type

  subnet_id                   = var.subnet_id
  vpc_security_group_ids      = var.vpc_security_group_ids
  associate_public_ip_address = var.associate_public_ip_address
  key_name                    = var.key_name
  monitoring                  = var.monitoring
  ebs_optimized               = var.ebs_optimized
  disable_api_termination     = var.disable_api_termination
  iam_instance_profile        = var.create_iam_instance_profile ? "created-by-module" : var.iam_instance_profile

  user_data        = var.user_data
  user_data_base64 = var.user_data_base64

  dynamic "launch_template" {
    for_each = var.launch_template != null ? [var.launch_template] : []

    content {
      id      = try(launch_template.value.id, null)
      name    = try(launch_template.value.name, null)
      version = try(launch_template.value.version, null)
    }
  }

  dynamic "metadata_options" {
    for_each = var.metadata_options != null ? [var.metadata_options] : []

    content {
      http_endpoint               = try(metadata_options.value.http_endpoint, "enabled")
      http_tokens                 = try(metadata_options.value.http_tokens, "required")
      http_put_response_hop_limit = try(metadata_options.value.http_put_response_hop_limit, 1)
      instance_metadata_tags      = try(metadata_options.value.instance_metadata_tags, null)
    }
  }

  dynamic "root_block_device" {
    for_each = var.root_block_device != null ? flatten([var.root_block_device]) : []

    content {
      encrypted   = try(root_block_device.value.encrypted, null)
      kms_key_id  = try(root_block_device.value.kms_key_id, null)
      volume_size = try(root_block_device.value.size, root_block_device.value.volume_size, null)
      volume_type = try(root_block_device.value.type, root_block_device.value.volume_type, null)
    }
  }

  dynamic "ebs_block_device" {
    for_each = var.ebs_block_device

    content {
      device_name = ebs_block_device.value.device_name
      encrypted   = try(ebs_block_device.value.encrypted, null)
      kms_key_id  = try(ebs_block_device.value.kms_key_id, null)
      snapshot_id = try(ebs_block_device.value.snapshot_id, null)
      volume_size = try(ebs_block_device.value.volume_size, null)
    }
  }

  tags = merge({ "Name" = var.name }, var.tags)
}

resource "aws_ebs_volume" "this" {
  for_each = local.create && var.ebs_volumes != null ? var.ebs_volumes : {}

  availability_zone = "module-chosen"

  # Read through var.ebs_volumes[each.key] (= each.value) so that findings land on the input.
  encrypted   = try(var.ebs_volumes[each.key].encrypted, null)
  kms_key_id  = try(var.ebs_volumes[each.key].kms_key_id, null)
  snapshot_id = try(var.ebs_volumes[each.key].snapshot_id, null)
  size        = try(var.ebs_volumes[each.key].size, null)
  type        = try(var.ebs_volumes[each.key].type, "gp3")
}

resource "aws_volume_attachment" "this" {
  for_each = local.create && var.ebs_volumes != null ? var.ebs_volumes : {}

  device_name = try(each.value.device_name, each.key)
  volume_id   = aws_ebs_volume.this[each.key].id
  instance_id = aws_instance.this[0].id
}

output "id" {
  value = try(aws_instance.this[0].id, null)
}

output "arn" {
  value = try(aws_instance.this[0].arn, null)
}

output "private_ip" {
  value = try(aws_instance.this[0].private_ip, null)
}

output "public_ip" {
  value = try(aws_instance.this[0].public_ip, null)
}

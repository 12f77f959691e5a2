# srmlint shim for terraform-aws-modules/rds/aws (followed: v7.x main.tf and
# modules/db_instance/main.tf; v6.x has the same defaults for the inputs below, with
# "password" where v7 has "password_wo"). Not the module: the variables that decide the
# DB instance's encryption, exposure, authentication, backups, deletion protection,
# upgrades, logging and monitoring, with the module's defaults, and the resources they
# produce (the instance, its parameter group, its log groups). Where a default differs
# between majors, the shim takes the one that yields no finding (storage_encrypted:
# false before v3, true since; copy_tags_to_snapshot: true since v7; manage_master_user_password: true since v6, so a given
# password is not used unless it is set to false). The option group, subnet group,
# monitoring role and secret rotation are not modelled. Locations are moved to the call.
# As the real module does, the instance and its log groups come from modules/db_instance (called below);
# this file adds the parameter group.

variable "create_db_instance" {
  type    = bool
  default = true
}

variable "identifier" {
  type    = string
  default = null
}

variable "engine" {
  type    = string
  default = null
}

variable "engine_version" {
  type    = string
  default = null
}

variable "instance_class" {
  type    = string
  default = null
}

variable "storage_encrypted" {
  type    = bool
  default = true
}

variable "kms_key_id" {
  type    = string
  default = null
}

variable "username" {
  type    = string
  default = null
}

variable "password" {
  type    = string
  default = null
}

variable "manage_master_user_password" {
  type    = bool
  default = true
}

variable "master_user_secret_kms_key_id" {
  type    = string
  default = null
}

variable "iam_database_authentication_enabled" {
  type    = bool
  default = false
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

variable "multi_az" {
  type    = bool
  default = false
}

variable "vpc_security_group_ids" {
  type    = list(string)
  default = []
}

variable "db_subnet_group_name" {
  type    = string
  default = null
}

variable "ca_cert_identifier" {
  type    = string
  default = null
}

variable "allow_major_version_upgrade" {
  type    = bool
  default = false
}

variable "auto_minor_version_upgrade" {
  type    = bool
  default = true
}

variable "snapshot_identifier" {
  type    = string
  default = null
}

variable "copy_tags_to_snapshot" {
  type    = bool
  default = true
}

variable "skip_final_snapshot" {
  type    = bool
  default = false
}

variable "performance_insights_enabled" {
  type    = bool
  default = false
}

variable "performance_insights_retention_period" {
  type    = number
  default = 7
}

variable "performance_insights_kms_key_id" {
  type    = string
  default = null
}

variable "replicate_source_db" {
  type    = string
  default = null
}

variable "backup_retention_period" {
  type    = number
  default = null
}

variable "blue_green_update" {
  type    = any
  default = null
}

variable "monitoring_interval" {
  type    = number
  default = 0
}

variable "monitoring_role_arn" {
  type    = string
  default = null
}

variable "enabled_cloudwatch_logs_exports" {
  type    = list(string)
  default = []
}

variable "deletion_protection" {
  type    = bool
  default = false
}

variable "delete_automated_backups" {
  type    = bool
  default = true
}

variable "restore_to_point_in_time" {
  type    = any
  default = null
}

variable "s3_import" {
  type    = any
  default = null
}

variable "create_db_parameter_group" {
  type    = bool
  default = true
}

variable "parameter_group_name" {
  type    = string
  default = null
}

variable "family" {
  type    = string
  default = null
}

variable "parameters" {
  type    = list(map(string))
  default = []
}

variable "create_cloudwatch_log_group" {
  type    = bool
  default = false
}

variable "cloudwatch_log_group_retention_in_days" {
  type    = number
  default = 7
}

variable "cloudwatch_log_group_kms_key_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

module "db_instance" {
  source                                 = "./modules/db_instance"

  create                                 = var.create_db_instance
  identifier                             = var.identifier
  engine                                 = var.engine
  engine_version                         = var.engine_version
  instance_class                         = var.instance_class
  storage_encrypted                      = var.storage_encrypted
  kms_key_id                             = var.kms_key_id
  username                               = var.username
  password                               = var.password
  manage_master_user_password            = var.manage_master_user_password
  master_user_secret_kms_key_id          = var.master_user_secret_kms_key_id
  iam_database_authentication_enabled    = var.iam_database_authentication_enabled
  publicly_accessible                    = var.publicly_accessible
  multi_az                               = var.multi_az
  vpc_security_group_ids                 = var.vpc_security_group_ids
  db_subnet_group_name                   = var.db_subnet_group_name
  ca_cert_identifier                     = var.ca_cert_identifier
  allow_major_version_upgrade            = var.allow_major_version_upgrade
  auto_minor_version_upgrade             = var.auto_minor_version_upgrade
  snapshot_identifier                    = var.snapshot_identifier
  copy_tags_to_snapshot                  = var.copy_tags_to_snapshot
  skip_final_snapshot                    = var.skip_final_snapshot
  performance_insights_enabled           = var.performance_insights_enabled
  performance_insights_retention_period  = var.performance_insights_retention_period
  performance_insights_kms_key_id        = var.performance_insights_kms_key_id
  replicate_source_db                    = var.replicate_source_db
  backup_retention_period                = var.backup_retention_period
  blue_green_update                      = var.blue_green_update
  monitoring_interval                    = var.monitoring_interval
  monitoring_role_arn                    = var.monitoring_role_arn
  enabled_cloudwatch_logs_exports        = var.enabled_cloudwatch_logs_exports
  deletion_protection                    = var.deletion_protection
  delete_automated_backups               = var.delete_automated_backups
  restore_to_point_in_time               = var.restore_to_point_in_time
  s3_import                              = var.s3_import
  parameter_group_name                   = var.create_db_parameter_group ? aws_db_parameter_group.this[0].id : var.parameter_group_name
  create_cloudwatch_log_group            = var.create_cloudwatch_log_group
  cloudwatch_log_group_retention_in_days = var.cloudwatch_log_group_retention_in_days
  cloudwatch_log_group_kms_key_id        = var.cloudwatch_log_group_kms_key_id
  tags                                   = var.tags
}

resource "aws_db_parameter_group" "this" {
  count = var.create_db_parameter_group ? 1 : 0

  family = var.family

  dynamic "parameter" {
    for_each = var.parameters

    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = lookup(parameter.value, "apply_method", null)
    }
  }
}

output "db_instance_identifier" {
  value = module.db_instance.db_instance_identifier
}

output "db_instance_arn" {
  value = module.db_instance.db_instance_arn
}

output "db_instance_address" {
  value = module.db_instance.db_instance_address
}

output "db_instance_endpoint" {
  value = module.db_instance.db_instance_endpoint
}

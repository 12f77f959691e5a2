"""What the encryption rules share: how to name a resource in a message and
what AWS does about encryption at rest when a template says nothing."""

from __future__ import annotations

from srmlint.aws.extractors.encryption_copies import COPY_TYPES as COPY_TYPES
from srmlint.aws.extractors.encryption_copies import EBS_DEFAULT_TYPES as EBS_DEFAULT_TYPES
from srmlint.aws.extractors.encryption_keys import KEY_CHOICES, KEY_ONLY_TYPES, choice_of
from srmlint.model import AttrPath, Resource

#: Resource types (both formats) whose data AWS encrypts at rest even when
#: the template says nothing (with a key AWS owns or manages). Unset is then
#: not "unencrypted"; only the choice of key is left (ENC004).
ENCRYPTED_WHEN_UNSET = frozenset({
    "aws_s3_bucket", "AWS::S3::Bucket",
    "aws_sqs_queue", "AWS::SQS::Queue",
    "aws_dynamodb_table", "AWS::DynamoDB::Table",
    "aws_cloudwatch_log_group", "AWS::Logs::LogGroup",
    "aws_cloudtrail", "AWS::CloudTrail::Trail",
    "aws_secretsmanager_secret", "AWS::SecretsManager::Secret",
    "aws_ecr_repository", "AWS::ECR::Repository",
    "aws_eks_cluster", "AWS::EKS::Cluster",
    "aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function",
    "aws_sagemaker_notebook_instance", "AWS::SageMaker::NotebookInstance",
    "aws_sagemaker_endpoint_configuration", "AWS::SageMaker::EndpointConfig",
    "aws_backup_vault", "AWS::Backup::BackupVault",
    "aws_msk_cluster", "AWS::MSK::Cluster",
    "aws_codebuild_project", "AWS::CodeBuild::Project",
    # query results land in S3, which encrypts every new object (SSE-S3) since January 2023
    "aws_athena_workgroup", "AWS::Athena::WorkGroup", "aws_athena_database",
    # new provisioned clusters are encrypted since January 2025 through the API
    # (CloudFormation); the Terraform AWS provider before v6 sends encrypted = false
    "AWS::Redshift::Cluster",
}) | KEY_ONLY_TYPES

#: Types of the list above for which no customer-managed key can be chosen.
NO_CUSTOMER_KEY = frozenset({"aws_dax_cluster", "AWS::DAX::Cluster", "aws_api_gateway_method_settings",
                             "AWS::ApiGateway::Stage", "AWS::Serverless::Api"})

NOUNS: dict[str, str] = {
    "aws_s3_bucket": "S3 bucket", "AWS::S3::Bucket": "S3 bucket",
    "aws_s3_object": "S3 object", "aws_s3_bucket_object": "S3 object", "aws_s3_object_copy": "S3 object copy",
    "aws_ebs_volume": "EBS volume", "AWS::EC2::Volume": "EBS volume",
    "aws_db_instance": "RDS instance", "AWS::RDS::DBInstance": "RDS instance",
    "aws_rds_cluster": "RDS cluster", "AWS::RDS::DBCluster": "RDS cluster",
    "aws_rds_global_cluster": "RDS global cluster", "AWS::RDS::GlobalCluster": "RDS global cluster",
    "aws_docdb_global_cluster": "DocumentDB global cluster",
    "aws_docdb_cluster": "DocumentDB cluster", "AWS::DocDB::DBCluster": "DocumentDB cluster",
    "aws_neptune_cluster": "Neptune cluster", "AWS::Neptune::DBCluster": "Neptune cluster",
    "aws_redshift_cluster": "Redshift cluster", "AWS::Redshift::Cluster": "Redshift cluster",
    "aws_efs_file_system": "EFS file system", "AWS::EFS::FileSystem": "EFS file system",
    "aws_elasticache_replication_group": "ElastiCache replication group",
    "AWS::ElastiCache::ReplicationGroup": "ElastiCache replication group",
    "aws_elasticsearch_domain": "Elasticsearch domain", "AWS::Elasticsearch::Domain": "Elasticsearch domain",
    "aws_opensearch_domain": "OpenSearch domain", "AWS::OpenSearchService::Domain": "OpenSearch domain",
    "aws_kinesis_stream": "Kinesis stream", "AWS::Kinesis::Stream": "Kinesis stream",
    "aws_kinesis_firehose_delivery_stream": "Firehose delivery stream",
    "AWS::KinesisFirehose::DeliveryStream": "Firehose delivery stream",
    "aws_dax_cluster": "DAX cluster", "AWS::DAX::Cluster": "DAX cluster",
    "aws_workspaces_workspace": "WorkSpace", "AWS::WorkSpaces::Workspace": "WorkSpace",
    "aws_sqs_queue": "SQS queue", "AWS::SQS::Queue": "SQS queue",
    "aws_sns_topic": "SNS topic", "AWS::SNS::Topic": "SNS topic",
    "aws_dynamodb_table": "DynamoDB table", "AWS::DynamoDB::Table": "DynamoDB table",
    "aws_ecr_repository": "ECR repository", "AWS::ECR::Repository": "ECR repository",
    "aws_eks_cluster": "EKS cluster", "AWS::EKS::Cluster": "EKS cluster",
    "aws_lambda_function": "Lambda function", "AWS::Lambda::Function": "Lambda function",
    "AWS::Serverless::Function": "Lambda function",
    "aws_codebuild_project": "CodeBuild project", "AWS::CodeBuild::Project": "CodeBuild project",
    "aws_athena_database": "Athena database",
    "aws_athena_workgroup": "Athena workgroup", "AWS::Athena::WorkGroup": "Athena workgroup",
    "aws_cloudwatch_log_group": "CloudWatch log group", "AWS::Logs::LogGroup": "CloudWatch log group",
    "aws_cloudtrail": "CloudTrail trail", "AWS::CloudTrail::Trail": "CloudTrail trail",
    "aws_secretsmanager_secret": "Secrets Manager secret", "AWS::SecretsManager::Secret": "Secrets Manager secret",
    "aws_sagemaker_notebook_instance": "SageMaker notebook instance",
    "AWS::SageMaker::NotebookInstance": "SageMaker notebook instance",
    "aws_sagemaker_endpoint_configuration": "SageMaker endpoint configuration",
    "AWS::SageMaker::EndpointConfig": "SageMaker endpoint configuration",
    "aws_backup_vault": "Backup vault", "AWS::Backup::BackupVault": "Backup vault",
    "aws_msk_cluster": "MSK cluster", "AWS::MSK::Cluster": "MSK cluster",
    "aws_instance": "EC2 instance", "AWS::EC2::Instance": "EC2 instance",
    "aws_launch_configuration": "launch configuration", "AWS::AutoScaling::LaunchConfiguration": "launch configuration",
    "aws_launch_template": "launch template", "AWS::EC2::LaunchTemplate": "launch template",
    "aws_kms_key": "KMS key", "AWS::KMS::Key": "KMS key",
    "aws_ami": "AMI", "aws_ami_copy": "AMI copy", "aws_ebs_snapshot_copy": "EBS snapshot copy",
    "aws_dlm_lifecycle_policy": "DLM lifecycle policy", "AWS::DLM::LifecyclePolicy": "DLM lifecycle policy",
    "aws_imagebuilder_image_recipe": "Image Builder recipe", "AWS::ImageBuilder::ImageRecipe": "Image Builder recipe",
    "aws_ebs_encryption_by_default": "EBS encryption by default",
    "aws_appsync_api_cache": "AppSync API cache", "AWS::AppSync::ApiCache": "AppSync API cache",
    "aws_load_balancer_policy": "load balancer policy",
    "aws_emr_security_configuration": "EMR security configuration",
    "AWS::EMR::SecurityConfiguration": "EMR security configuration",
    "aws_sagemaker_model_quality_job_definition": "SageMaker model quality job definition",
    "AWS::SageMaker::ModelQualityJobDefinition": "SageMaker model quality job definition",
    "aws_sagemaker_model_bias_job_definition": "SageMaker model bias job definition",
    "AWS::SageMaker::ModelBiasJobDefinition": "SageMaker model bias job definition",
    "aws_sagemaker_model_explainability_job_definition": "SageMaker model explainability job definition",
    "AWS::SageMaker::ModelExplainabilityJobDefinition": "SageMaker model explainability job definition",
    "aws_lb_listener": "load balancer listener", "aws_alb_listener": "load balancer listener",
    "AWS::ElasticLoadBalancingV2::Listener": "load balancer listener",
    "aws_elb": "classic load balancer", "AWS::ElasticLoadBalancing::LoadBalancer": "classic load balancer",
    "aws_cloudfront_distribution": "CloudFront distribution",
    "AWS::CloudFront::Distribution": "CloudFront distribution",
    "aws_api_gateway_method_settings": "API Gateway method settings", "AWS::ApiGateway::Stage": "API Gateway stage",
    "AWS::Serverless::Api": "API Gateway API", "aws_cloudsearch_domain": "CloudSearch domain",
    "aws_transfer_server": "Transfer Family server", "AWS::Transfer::Server": "Transfer Family server",
    "aws_cloudfront_response_headers_policy": "CloudFront response headers policy",
    "AWS::CloudFront::ResponseHeadersPolicy": "CloudFront response headers policy",
    "aws_api_gateway_domain_name": "API Gateway domain", "AWS::ApiGateway::DomainName": "API Gateway domain",
    "aws_apigatewayv2_domain_name": "API Gateway domain", "AWS::ApiGatewayV2::DomainName": "API Gateway domain",
    "aws_ecs_task_definition": "ECS task definition", "AWS::ECS::TaskDefinition": "ECS task definition",
    "aws_redshift_parameter_group": "Redshift parameter group",
    "AWS::Redshift::ClusterParameterGroup": "Redshift parameter group",
    "aws_db_parameter_group": "RDS parameter group", "AWS::RDS::DBParameterGroup": "RDS parameter group",
    "aws_rds_cluster_parameter_group": "RDS cluster parameter group",
    "AWS::RDS::DBClusterParameterGroup": "RDS cluster parameter group",
    "aws_docdb_cluster_parameter_group": "DocumentDB cluster parameter group",
    "AWS::DocDB::DBClusterParameterGroup": "DocumentDB cluster parameter group",
    "aws_ssm_document": "Session Manager preferences document",
    "AWS::SSM::Document": "Session Manager preferences document",
    "aws_ecs_cluster": "ECS cluster", "AWS::ECS::Cluster": "ECS cluster",
    "aws_ses_configuration_set": "SES configuration set", "aws_sesv2_configuration_set": "SES configuration set",
    "AWS::SES::ConfigurationSet": "SES configuration set",
    "aws_rds_cluster_instance": "RDS cluster instance", "aws_docdb_cluster_instance": "DocumentDB instance",
    "AWS::DocDB::DBInstance": "DocumentDB instance",
}


#: What a resource's encryption protects, where "its data" would say too little.
CONTENTS: dict[str, str] = {
    "aws_lambda_function": "environment variables", "AWS::Lambda::Function": "environment variables",
    "AWS::Serverless::Function": "environment variables",
    "aws_cloudtrail": "log files", "AWS::CloudTrail::Trail": "log files",
    "aws_cloudwatch_log_group": "log data", "AWS::Logs::LogGroup": "log data",
    "aws_secretsmanager_secret": "secret value", "AWS::SecretsManager::Secret": "secret value",
    "aws_eks_cluster": "Kubernetes secrets", "AWS::EKS::Cluster": "Kubernetes secrets",
    "aws_ecr_repository": "images", "AWS::ECR::Repository": "images",
    "aws_athena_workgroup": "query results", "AWS::Athena::WorkGroup": "query results",
    "aws_athena_database": "query results",
    "aws_sqs_queue": "messages", "AWS::SQS::Queue": "messages",
    "aws_sns_topic": "messages", "AWS::SNS::Topic": "messages",
    "aws_backup_vault": "backups", "AWS::Backup::BackupVault": "backups",
    "aws_ssm_document": "session data", "AWS::SSM::Document": "session data",
    "aws_ecs_cluster": "ECS Exec session data", "AWS::ECS::Cluster": "ECS Exec session data",
}


def noun(resource: Resource) -> str:
    row = KEY_CHOICES.get(resource.type)
    return NOUNS.get(resource.type) or (row.noun if row else resource.type)


def contents(resource: Resource) -> str:
    """What a resource's encryption protects ("data" when nothing more precise)."""
    row = KEY_CHOICES.get(resource.type)
    return CONTENTS.get(resource.type) or (row.contents if row and row.contents else "data")


def subject(resource: Resource) -> str:
    """``RDS instance 'db'``."""
    return f"{noun(resource)} '{resource.name}'"


_PARTS = {
    "root_block_device": "root volume", "ebs_block_device": "EBS volume",
    "block_device_mappings": "EBS volume", "BlockDeviceMappings": "EBS volume",
    "block_device_mapping": "EBS volume",
    # inside an EMR security configuration document
    "LocalDiskEncryptionConfiguration": "local disks", "EnableEbsEncryption": "EBS volumes",
    "S3EncryptionConfiguration": "EMRFS data in S3",
    "root_volume_encryption_enabled": "root volume", "RootVolumeEncryptionEnabled": "root volume",
    "user_volume_encryption_enabled": "user volume", "UserVolumeEncryptionEnabled": "user volume",
    "artifacts": "build artifacts", "Artifacts": "build artifacts",
    "settings": "response cache", "MethodSettings": "response cache",
    "logs_config": "S3 build logs", "LogsConfig": "S3 build logs",
    "secondary_artifacts": "secondary build artifacts", "SecondaryArtifacts": "secondary build artifacts",
}


def part(path: AttrPath, type_: str | None = None) -> str | None:
    """The component a fact's path names, for resources with several (volumes)."""
    if type_ is not None:
        choice = choice_of(type_, path)
        if choice is not None and choice.label:
            return choice.label
    if path and isinstance(path[0], str):
        if path[0] in ("configuration", "SecurityConfiguration"):  # a JSON document: its innermost key
            return next((_PARTS[s] for s in reversed(path) if isinstance(s, str) and s in _PARTS), None)
        return _PARTS.get(path[0])
    return None


def key_choice_only(type_: str, path: AttrPath) -> bool:
    """A fact about the choice of key of something always encrypted (e.g. an
    RDS instance's Performance Insights data): never "unencrypted"."""
    return type_ in KEY_ONLY_TYPES or choice_of(type_, path) is not None

locals {
  config_object_key = "config.yaml"
}

output "name" {
  value = var.name
}

output "aws_region" {
  value = var.aws_region
}

output "vpc_id" {
  value = local.vpc_id
}

output "vpc_cidr" {
  value = local.vpc_cidr
}

output "public_subnet_ids" {
  value = local.public_subnets
}

output "private_subnet_ids" {
  value = local.private_subnets
}

output "config_bucket_name" {
  description = "LITELLM_CONFIG_BUCKET_NAME"
  value       = aws_s3_bucket.config.bucket
}

output "log_bucket_name" {
  description = "LOG_BUCKET_NAME"
  value       = aws_s3_bucket.logs.bucket
}

output "config_object_key" {
  description = "LITELLM_CONFIG_BUCKET_OBJECT_KEY"
  value       = local.config_object_key
}

output "ecr_repository_urls" {
  value = { for name, repository in aws_ecr_repository.service : name => repository.repository_url }
}

output "log_group_names" {
  value = { for name, group in aws_cloudwatch_log_group.service : name => group.name }
}

output "redis_host" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "master_key_secret_arn" {
  description = "Where the master key is: aws secretsmanager get-secret-value --secret-id <this>"
  value       = aws_secretsmanager_secret.master_key.arn
}

locals {
  # each provider key is a field of the one provider-keys secret, found by its variable's name (common-cloud)
  secret_arn_map = merge(
    {
      LITELLM_MASTER_KEY = aws_secretsmanager_secret.master_key.arn
      LITELLM_SALT_KEY   = aws_secretsmanager_secret.salt_key.arn
      DATABASE_URL       = aws_secretsmanager_secret.database_url.arn
      REDIS_PASSWORD     = aws_secretsmanager_secret.redis_password.arn
    },
    { for name in local.provider_key_names : name => aws_secretsmanager_secret.provider_keys.arn },
  )
}

output "secret_arns" {
  description = "<NAME>_SECRET_ARN values for the containers, by NAME"
  value       = local.secret_arn_map
}

output "secret_environment" {
  description = "the same as NAME_SECRET_ARN=arn lines, for the EKS ConfigMap"
  value = join("\n", concat(
    [for name, arn in local.secret_arn_map : "${name}_SECRET_ARN=${arn}"],
    [for arn in aws_secretsmanager_secret.database_middleware_url[*].arn : "DATABASE_MIDDLEWARE_URL_SECRET_ARN=${arn}"],
  ))
}

output "gateway_repository_url" {
  value = aws_ecr_repository.service["gateway-service"].repository_url
}

output "middleware_repository_url" {
  value = aws_ecr_repository.service["middleware-service"].repository_url
}

output "fake_llm_repository_url" {
  value = aws_ecr_repository.service["fake-llm-server"].repository_url
}

output "database_middleware_url_secret_arn" {
  description = "DATABASE_MIDDLEWARE_URL_SECRET_ARN, empty when the middleware shares DATABASE_URL"
  value       = try(aws_secretsmanager_secret.database_middleware_url[0].arn, "")
}

output "runtime_policy_arn" {
  value = aws_iam_policy.runtime.arn
}

output "metrics_namespace" {
  value = var.metrics_namespace
}

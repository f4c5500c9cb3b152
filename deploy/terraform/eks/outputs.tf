output "cluster_name" {
  value = local.cluster_name
}

output "app_role_arn" {
  description = "the IRSA role of the llmgw service account (eks.amazonaws.com/role-arn)"
  value       = aws_iam_role.app.arn
}

output "base_url" {
  description = "where clients point their SDKs; without RECORD_NAME, the ingress's load balancer name (kubectl -n llmgw get ingress llmgw)"
  value       = var.record_name != "" ? "https://${var.record_name}" : (var.ingress_hostname != "" ? "https://${var.ingress_hostname}" : "")
}

output "master_key_secret_arn" {
  description = "aws secretsmanager get-secret-value --secret-id <this> --query SecretString --output text"
  value       = local.base.master_key_secret_arn
}

output "config_bucket_name" {
  value = local.base.config_bucket_name
}

output "config_object_key" {
  value = local.base.config_object_key
}

output "redis_host" {
  value = local.base.redis_host
}

output "secret_arns" {
  value = local.base.secret_arns
}

output "database_middleware_url_secret_arn" {
  value = local.base.database_middleware_url_secret_arn
}

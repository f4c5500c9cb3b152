output "base_url" {
  description = "where clients point their OpenAI SDK (append /v1) or bedrock-runtime client (append /bedrock)"
  value       = "https://${var.hosted_zone_name != "" && var.record_name != "" ? var.record_name : aws_lb.this.dns_name}"
}

output "master_key_secret_arn" {
  description = "aws secretsmanager get-secret-value --secret-id <this> --query SecretString --output text"
  value       = local.base.master_key_secret_arn
}

output "cluster_name" {
  value = aws_ecs_cluster.this.name
}

output "service_name" {
  value = aws_ecs_service.this.name
}

locals {
  # RECORD_NAME when set (a Route 53 record with USE_ROUTE53, else the operator's own DNS), else CloudFront's or the
  # load balancer's own name
  endpoint_host = var.record_name != "" ? var.record_name : (var.use_cloudfront ? aws_cloudfront_distribution.this[0].domain_name : aws_lb.this.dns_name)
}

output "base_url" {
  description = "where clients point their OpenAI SDK (append /v1) or bedrock-runtime client (append /bedrock)"
  value       = "https://${local.endpoint_host}"
}

output "dns_target" {
  description = "where RECORD_NAME must point when USE_ROUTE53 is false and DNS is kept elsewhere"
  value       = var.use_cloudfront ? aws_cloudfront_distribution.this[0].domain_name : aws_lb.this.dns_name
}

output "fake_llm_base_url" {
  description = "the fake LLM load-testing endpoint (FAKE_LLM_LOAD_TESTING_ENDPOINT_*), empty when not deployed"
  value       = local.fake_llm ? "https://${var.fake_llm_load_testing_endpoint_record_name}" : ""
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

output "cluster_name" {
  value = local.cluster_name
}

output "app_role_arn" {
  description = "the IRSA role of the llmgw service account (eks.amazonaws.com/role-arn)"
  value       = aws_iam_role.app.arn
}

locals {
  # RECORD_NAME when set (a Route 53 record with USE_ROUTE53, else the operator's own DNS), else CloudFront's or the
  # ingress load balancer's own name
  dns_target    = local.distribution ? aws_cloudfront_distribution.this[0].domain_name : var.ingress_hostname
  endpoint_host = var.record_name != "" ? var.record_name : local.dns_target
}

output "base_url" {
  description = "where clients point their SDKs; empty until the ingress has a load balancer"
  value       = local.endpoint_host != "" ? "https://${local.endpoint_host}" : ""
}

output "dns_target" {
  description = "where RECORD_NAME must point when USE_ROUTE53 is false and DNS is kept elsewhere"
  value       = local.dns_target
}

# read back by deploy.sh at its next run, so that its first apply keeps the distribution and the records
output "ingress_hostname" {
  value = var.ingress_hostname
}

output "fake_llm_ingress_hostname" {
  value = local.fake_llm ? var.fake_llm_ingress_hostname : ""
}

output "fake_llm_base_url" {
  description = "the fake LLM load-testing endpoint (FAKE_LLM_LOAD_TESTING_ENDPOINT_*), empty when not deployed"
  value       = local.fake_llm ? "https://${var.fake_llm_load_testing_endpoint_record_name}" : ""
}

# for the ingress's annotations (deploy.sh): identifiers only, never the origin header's value
output "origin_web_acl_arn" {
  description = "alb.ingress.kubernetes.io/wafv2-acl-arn with USE_CLOUDFRONT; empty without"
  value       = local.origin_protection ? aws_wafv2_web_acl.origin[0].arn : ""
}

output "origin_security_group_id" {
  description = "alb.ingress.kubernetes.io/security-groups with USE_CLOUDFRONT; empty without"
  value       = local.origin_protection ? aws_security_group.alb[0].id : ""
}

output "use_cloudfront" {
  value = var.use_cloudfront
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

# Named after the .env entries of the original project (the .env name is in each description); deploy.sh maps one
# to the other.

variable "aws_region" {
  description = "AWS_REGION: the region everything is created in"
  type        = string
}

variable "name" {
  description = "DEPLOYMENT_NAME: prefix of every resource name"
  type        = string
  default     = "llmgw"
}

variable "existing_vpc_id" {
  description = "EXISTING_VPC_ID: deploy into this VPC instead of creating one (its subnets that map public IPs on launch are public, the others private)"
  type        = string
  default     = ""
}

variable "create_vpc_endpoints_in_existing_vpc" {
  description = "CREATE_VPC_ENDPOINTS_IN_EXISTING_VPC: create the VPC endpoints in the existing VPC too"
  type        = bool
  default     = false
}

variable "disable_outbound_network_access" {
  description = "DISABLE_OUTBOUND_NETWORK_ACCESS: no NAT gateway; AWS services are reached through VPC endpoints only (so only Bedrock models answer)"
  type        = bool
  default     = false
}

variable "rds_instance_class" {
  description = "RDS_INSTANCE_CLASS"
  type        = string
  default     = "db.t3.small"
}

variable "rds_allocated_storage_gb" {
  description = "RDS_ALLOCATED_STORAGE_GB"
  type        = number
  default     = 20
}

variable "redis_node_type" {
  description = "REDIS_NODE_TYPE"
  type        = string
  default     = "cache.t3.micro"
}

variable "redis_num_cache_clusters" {
  description = "REDIS_NUM_CACHE_CLUSTERS: primary plus replicas; 2 or more turns on automatic failover"
  type        = number
  default     = 2
}

variable "litellm_master_key" {
  description = "LITELLM_MASTER_KEY: the admin key; empty generates one (read it from Secrets Manager)"
  type        = string
  default     = ""
  sensitive   = true
}

variable "litellm_salt_key" {
  description = "LITELLM_SALT_KEY: encrypts stored secrets; empty generates one. Never change it once keys are stored"
  type        = string
  default     = ""
  sensitive   = true
}

variable "provider_api_keys" {
  description = "Provider keys and callback secrets by their .env name (OPENAI_API_KEY, ANTHROPIC_API_KEY, LANGFUSE_SECRET_KEY, ...), kept as one JSON secret"
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "database_middleware_url" {
  description = "DATABASE_MIDDLEWARE_URL: a separate database for the middleware's chat history; empty uses the RDS database"
  type        = string
  default     = ""
  sensitive   = true
}

variable "log_retention_days" {
  description = "LOG_RETENTION_DAYS: how long CloudWatch keeps the services' logs"
  type        = number
  default     = 30
}

variable "log_bucket_retention_days" {
  description = "LOG_BUCKET_RETENTION_DAYS: how many days the log bucket keeps what the s3 logging callback writes; 0 keeps it forever"
  type        = number
  default     = 365

  validation {
    condition     = var.log_bucket_retention_days >= 0 && floor(var.log_bucket_retention_days) == var.log_bucket_retention_days
    error_message = "log_bucket_retention_days must be a whole number of days, 0 (keep forever) or more."
  }
}

variable "rds_multi_az" {
  description = "RDS_MULTI_AZ: a standby in a second availability zone (doubles the database's cost)"
  type        = bool
  default     = false
}

variable "metrics_namespace" {
  description = "CLOUDWATCH_METRICS_NAMESPACE: the CloudWatch namespace the gateway publishes its metrics to, the only one it may write"
  type        = string
  default     = "LLMGateway"
}

variable "alarm_5xx_percent" {
  description = "ALARM_5XX_PERCENT: the share of model calls answered 5xx, over 5 minutes, that raises the alarm"
  type        = number
  default     = 5
}

variable "alarm_p99_latency_seconds" {
  description = "ALARM_P99_LATENCY_SECONDS: the p99 time until a model call's answer starts (a stream's first byte), over 5 minutes, that raises the alarm"
  type        = number
  default     = 60
}

variable "alarm_sns_topic_arn" {
  description = "ALARM_SNS_TOPIC_ARN: where the alarms notify; empty for none (they still show in the console)"
  type        = string
  default     = ""
}

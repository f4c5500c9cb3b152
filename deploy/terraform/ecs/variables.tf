# Named after the .env entries of the original project (the .env name is in each description); deploy.sh maps one
# to the other.

variable "aws_region" {
  description = "AWS_REGION"
  type        = string
}

variable "terraform_s3_bucket_name" {
  description = "TERRAFORM_S3_BUCKET_NAME: where the base stack's state is"
  type        = string
}

variable "base_state_key" {
  description = "the base stack's state object in that bucket"
  type        = string
  default     = "llmgw/base.tfstate"
}

variable "gateway_image" {
  description = "gateway-service image URI (deploy.sh pushes it to the base stack's ECR repository)"
  type        = string
}

variable "middleware_image" {
  description = "middleware-service image URI"
  type        = string
}

variable "config_sha256" {
  description = "hash of the uploaded config.yaml: a new config rolls the service, since the tasks read it at start-up"
  type        = string
  default     = ""
}

variable "desired_capacity" {
  description = "DESIRED_CAPACITY: tasks to run"
  type        = number
  default     = 2
}

variable "min_capacity" {
  description = "MIN_CAPACITY"
  type        = number
  default     = 2
}

variable "max_capacity" {
  description = "MAX_CAPACITY"
  type        = number
  default     = 4
}

variable "ecs_cpu_target_utilization_percentage" {
  description = "ECS_CPU_TARGET_UTILIZATION_PERCENTAGE"
  type        = number
  default     = 50
}

variable "ecs_memory_target_utilization_percentage" {
  description = "ECS_MEMORY_TARGET_UTILIZATION_PERCENTAGE"
  type        = number
  default     = 40
}

variable "ecs_requests_per_target" {
  description = "ECS_REQUESTS_PER_TARGET: load balancer requests per task per minute to scale out at"
  type        = number
  default     = 3000
}

variable "ecs_vcpus" {
  description = "ECS_VCPUS: vCPUs of a task (1, 2, 4, 8 or 16); memory is twice that in GiB"
  type        = number
  default     = 2

  validation {
    condition     = contains([1, 2, 4, 8, 16], var.ecs_vcpus)
    error_message = "ECS_VCPUS must be 1, 2, 4, 8 or 16."
  }
}

variable "cpu_architecture" {
  description = "CPU_ARCHITECTURE: x86 or arm, the images' architecture"
  type        = string
  default     = "x86"

  validation {
    condition     = contains(["x86", "arm"], var.cpu_architecture)
    error_message = "CPU_ARCHITECTURE must be x86 or arm."
  }
}

variable "public_load_balancer" {
  description = "PUBLIC_LOAD_BALANCER: internet-facing (true) or internal to the VPC (false)"
  type        = bool
  default     = true
}

variable "certificate_arn" {
  description = "CERTIFICATE_ARN: ACM certificate of the HTTPS listener"
  type        = string
}

variable "hosted_zone_name" {
  description = "HOSTED_ZONE_NAME: Route 53 zone for RECORD_NAME; empty: no DNS record, use the load balancer's name"
  type        = string
  default     = ""
}

variable "record_name" {
  description = "RECORD_NAME: the gateway's host name in that zone"
  type        = string
  default     = ""
}

variable "enable_waf" {
  description = "ENABLE_WAF: put an AWS WAF web ACL (AWS managed common rules, known bad inputs, a rate limit) in front of the load balancer"
  type        = bool
  default     = false
}

variable "waf_rate_limit_per_5_minutes" {
  description = "WAF_RATE_LIMIT: requests per client IP in 5 minutes before WAF blocks it"
  type        = number
  default     = 10000
}

variable "environment" {
  description = "plain (non-secret) settings for both containers: OKTA_ISSUER, OKTA_AUDIENCE, DISABLE_ADMIN_UI, DISABLE_SWAGGER_PAGE, LANGSMITH_PROJECT, LANGFUSE_HOST, ..."
  type        = map(string)
  default     = {}
}

variable "create_private_hosted_zone_in_existing_vpc" {
  description = "CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC: create HOSTED_ZONE_NAME as a private zone of the VPC instead of looking it up"
  type        = bool
  default     = false
}

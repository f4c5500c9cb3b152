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
  description = "CERTIFICATE_ARN: ACM certificate of the HTTPS listener; may be empty only with CloudFront and no RECORD_NAME (CloudFront then reaches the load balancer over HTTP)"
  type        = string
  default     = ""
}

variable "use_route53" {
  description = "USE_ROUTE53: create RECORD_NAME in HOSTED_ZONE_NAME, pointing at CloudFront (USE_CLOUDFRONT) or at the load balancer"
  type        = bool
  default     = false
}

variable "hosted_zone_name" {
  description = "HOSTED_ZONE_NAME: Route 53 zone for RECORD_NAME (with USE_ROUTE53)"
  type        = string
  default     = ""
}

variable "record_name" {
  description = "RECORD_NAME: the gateway's full host name (llm.example.com); empty: the CloudFront or load balancer name"
  type        = string
  default     = ""
}

variable "use_cloudfront" {
  description = "USE_CLOUDFRONT: put a CloudFront distribution (caching disabled) in front of the load balancer, which then answers only requests carrying CloudFront's secret origin header"
  type        = bool
  default     = false
}

variable "cloudfront_price_class" {
  description = "CLOUDFRONT_PRICE_CLASS: which edge locations serve the distribution"
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.cloudfront_price_class)
    error_message = "CLOUDFRONT_PRICE_CLASS must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "cloudfront_certificate_arn" {
  description = "CLOUDFRONT_CERTIFICATE_ARN: us-east-1 ACM certificate for RECORD_NAME on the distribution; empty: CERTIFICATE_ARN (which must then be in us-east-1)"
  type        = string
  default     = ""
}

variable "cloudfront_origin_read_timeout" {
  description = "CLOUDFRONT_ORIGIN_READ_TIMEOUT: seconds CloudFront waits for the first byte and between chunks of an answer; above 60 needs a CloudFront quota increase"
  type        = number
  default     = 60

  validation {
    condition     = var.cloudfront_origin_read_timeout >= 1 && var.cloudfront_origin_read_timeout <= 180
    error_message = "CLOUDFRONT_ORIGIN_READ_TIMEOUT must be 1 to 180 seconds (above 60 after a quota increase)."
  }
}

variable "fake_llm_image" {
  description = "fake-llm-server image URI; deployed only with the FAKE_LLM_LOAD_TESTING_ENDPOINT_* variables"
  type        = string
  default     = ""
}

variable "fake_llm_load_testing_endpoint_certificate_arn" {
  description = "FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN: ACM certificate of the fake LLM endpoint's HTTPS listener"
  type        = string
  default     = ""
}

variable "fake_llm_load_testing_endpoint_hosted_zone_name" {
  description = "FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME: Route 53 zone of the fake LLM endpoint's record"
  type        = string
  default     = ""
}

variable "fake_llm_load_testing_endpoint_record_name" {
  description = "FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME: the fake LLM endpoint's full host name; the endpoint is deployed when all three are set"
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
  description = "plain (non-secret) settings for both containers: OKTA_ISSUER, OKTA_AUDIENCE, DISABLE_ADMIN_UI, DISABLE_SWAGGER_PAGE, LANGSMITH_PROJECT, LANGSMITH_BASE_URL, LANGFUSE_HOST, GENERIC_LOGGER_ENDPOINT, ..."
  type        = map(string)
  default     = {}
}

variable "extra_success_callbacks" {
  description = "EXTRA_SUCCESS_CALLBACKS for the gateway: logging callbacks added to config.yaml's success_callback, comma-separated (deploy.sh: langsmith and langfuse when their keys are in .env)"
  type        = string
  default     = ""
}

variable "create_private_hosted_zone_in_existing_vpc" {
  description = "CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC: create HOSTED_ZONE_NAME as a private zone of the VPC instead of looking it up"
  type        = bool
  default     = false
}

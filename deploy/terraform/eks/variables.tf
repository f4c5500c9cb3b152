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

variable "existing_eks_cluster_name" {
  description = "EXISTING_EKS_CLUSTER_NAME: deploy into this cluster instead of creating one"
  type        = string
  default     = ""
}

variable "install_add_ons_in_existing_eks_cluster" {
  description = "INSTALL_ADD_ONS_IN_EXISTING_EKS_CLUSTER: install the AWS Load Balancer Controller in the existing cluster too"
  type        = bool
  default     = false
}

variable "kubernetes_version" {
  description = "EKS_KUBERNETES_VERSION"
  type        = string
  default     = "1.33"
}

variable "cpu_architecture" {
  description = "CPU_ARCHITECTURE: x86 or arm, the nodes' and images' architecture"
  type        = string
  default     = "x86"

  validation {
    condition     = contains(["x86", "arm"], var.cpu_architecture)
    error_message = "CPU_ARCHITECTURE must be x86 or arm."
  }
}

variable "eks_arm_instance_type" {
  description = "EKS_ARM_INSTANCE_TYPE"
  type        = string
  default     = "t4g.medium"
}

variable "eks_x86_instance_type" {
  description = "EKS_X86_INSTANCE_TYPE"
  type        = string
  default     = "t3.medium"
}

variable "eks_arm_ami_type" {
  description = "EKS_ARM_AMI_TYPE"
  type        = string
  default     = "AL2023_ARM_64_STANDARD"
}

variable "eks_x86_ami_type" {
  description = "EKS_X86_AMI_TYPE"
  type        = string
  default     = "AL2023_x86_64_STANDARD"
}

variable "desired_capacity" {
  description = "DESIRED_CAPACITY: nodes to run"
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

variable "ec2_key_pair_name" {
  description = "EC2_KEY_PAIR_NAME: SSH key for the nodes; empty: no SSH"
  type        = string
  default     = ""
}

variable "namespace" {
  description = "the Kubernetes namespace of the deployment (deploy/k8s)"
  type        = string
  default     = "llmgw"
}

variable "use_route53" {
  description = "USE_ROUTE53: create RECORD_NAME in HOSTED_ZONE_NAME, pointing at the ingress's load balancer"
  type        = bool
  default     = false
}

variable "hosted_zone_name" {
  description = "HOSTED_ZONE_NAME: Route 53 zone for RECORD_NAME (with USE_ROUTE53)"
  type        = string
  default     = ""
}

variable "record_name" {
  description = "RECORD_NAME: the gateway's host name in that zone"
  type        = string
  default     = ""
}

variable "public_load_balancer" {
  description = "PUBLIC_LOAD_BALANCER: selects the public or the private hosted zone"
  type        = bool
  default     = true
}

variable "ingress_hostname" {
  description = "the ingress load balancer's DNS name, known once the controller made it; deploy.sh applies again with it to create RECORD_NAME"
  type        = string
  default     = ""
}

variable "load_balancer_controller_version" {
  description = "the aws-load-balancer-controller chart version; its IAM policy is read from the same release"
  type        = string
  default     = "1.13.3"
}

variable "load_balancer_controller_app_version" {
  description = "the controller release whose iam_policy.json is used"
  type        = string
  default     = "v2.13.3"
}

variable "create_private_hosted_zone_in_existing_vpc" {
  description = "CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC: create HOSTED_ZONE_NAME as a private zone of the VPC instead of looking it up"
  type        = bool
  default     = false
}

variable "certificate_arn" {
  description = "CERTIFICATE_ARN: the ingress's HTTPS certificate; with RECORD_NAME CloudFront reaches the load balancer over HTTPS, and uses it for RECORD_NAME when it is in us-east-1"
  type        = string
  default     = ""
}

variable "use_cloudfront" {
  description = "USE_CLOUDFRONT: put a CloudFront distribution (caching disabled) in front of the ingress's load balancer, which then answers only requests carrying CloudFront's secret origin header"
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

variable "fake_llm_load_testing_endpoint_certificate_arn" {
  description = "FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN: the fake LLM endpoint's ingress certificate (deploy.sh annotates the ingress with it)"
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

variable "fake_llm_ingress_hostname" {
  description = "the fake LLM ingress load balancer's DNS name, known once the controller made it; deploy.sh applies again with it"
  type        = string
  default     = ""
}

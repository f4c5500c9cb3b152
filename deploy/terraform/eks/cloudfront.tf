# Optional (USE_CLOUDFRONT, the original's default): CloudFront in front of the ingress's load balancer, as on ECS.
# The AWS Load Balancer Controller, not Terraform, makes that load balancer, so the protection is built from what
# the controller can be told to attach (deploy.sh puts their ids, never the secret, in the ingress's annotations):
# - a regional WAF web ACL (alb.ingress.kubernetes.io/wafv2-acl-arn) that blocks every request without CloudFront's
#   secret origin header: the load balancer's own name answers 403;
# - a security group (alb.ingress.kubernetes.io/security-groups) that admits only CloudFront's origin-facing
#   addresses, on the one port CloudFront connects to.
# The distribution needs the load balancer's DNS name, which exists once the ingress is applied: deploy.sh applies
# this stack a second time with it (ingress_hostname). The header's value is generated here and lives only in the
# Terraform state (encrypted in the state bucket), the web ACL's rule and the distribution; no output shows it.
#
# Turning CloudFront off, deploy.sh's first apply still has it on, the ingress then lets go of the web ACL and the
# security group, and the second apply removes them with the distribution.

locals {
  origin_header_name = "X-Origin-Verify"
  origin_protection  = var.use_cloudfront
  # CloudFront reaches the load balancer over HTTPS when the certificate can prove a name CloudFront sends
  # (RECORD_NAME, forwarded as the Host header), else over HTTP
  origin_https = var.certificate_arn != "" && var.record_name != ""
  origin_port  = local.origin_https ? 443 : 80
  distribution = var.use_cloudfront && var.ingress_hostname != ""
  # CloudFront takes certificates from us-east-1 only
  cloudfront_alias           = local.distribution && var.record_name != ""
  cloudfront_certificate_arn = var.cloudfront_certificate_arn != "" ? var.cloudfront_certificate_arn : var.certificate_arn
}

resource "random_password" "origin_header" {
  count   = local.origin_protection ? 1 : 0
  length  = 48
  special = false
}

# the regional web ACL: default block; one rule allows what carries the origin header with its exact value
resource "aws_wafv2_web_acl" "origin" {
  count       = local.origin_protection ? 1 : 0
  name        = "${local.name}-cloudfront-origin"
  description = "Only requests that came through the deployment's CloudFront distribution"
  scope       = "REGIONAL"

  default_action {
    block {}
  }

  rule {
    name     = "from-cloudfront"
    priority = 1

    action {
      allow {}
    }

    statement {
      byte_match_statement {
        search_string         = random_password.origin_header[0].result
        positional_constraint = "EXACTLY"

        field_to_match {
          single_header {
            # WAF matches header names in lower case
            name = lower(local.origin_header_name)
          }
        }

        text_transformation {
          priority = 0
          type     = "NONE"
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.name}-from-cloudfront"
      sampled_requests_enabled   = false
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${local.name}-cloudfront-origin"
    sampled_requests_enabled   = false
  }
}

# CloudFront's edge servers that reach origins; its weight (about 55 entries) nearly fills a security group's rule
# quota, so it is used for the one port CloudFront connects to
data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = local.origin_protection ? 1 : 0
  name  = "com.amazonaws.global.cloudfront.origin-facing"
}

data "aws_vpc" "cluster" {
  count = local.origin_protection ? 1 : 0
  id    = local.cluster.vpc_id
}

# the ingress's frontend security group; the controller's shared backend group (manage-backend-security-group-rules)
# lets the load balancer reach the pods
resource "aws_security_group" "alb" {
  count       = local.origin_protection ? 1 : 0
  name        = "${local.name}-eks-alb-cloudfront"
  description = "CloudFront's origin-facing servers to the ingress's load balancer"
  vpc_id      = local.cluster.vpc_id

  ingress {
    description     = "CloudFront's origin-facing servers only"
    from_port       = local.origin_port
    to_port         = local.origin_port
    protocol        = "tcp"
    prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront[0].id]
  }

  egress {
    description = "to the pods"
    from_port   = 3000
    to_port     = 4000
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.cluster[0].cidr_block]
  }
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  count = local.distribution ? 1 : 0
  name  = "Managed-CachingDisabled"
}

# every viewer header (Authorization included: with caching disabled CloudFront forwards it), cookie and query
# string; the Host header too, which is the name the load balancer's certificate proves when CloudFront uses HTTPS
data "aws_cloudfront_origin_request_policy" "all_viewer" {
  count = local.distribution ? 1 : 0
  name  = "Managed-AllViewer"
}

resource "aws_cloudfront_distribution" "this" {
  count           = local.distribution ? 1 : 0
  enabled         = true
  is_ipv6_enabled = true
  http_version    = "http2and3"
  comment         = "${local.name} gateway (EKS)"
  price_class     = var.cloudfront_price_class
  aliases         = local.cloudfront_alias ? [var.record_name] : []

  origin {
    origin_id   = "ingress"
    domain_name = var.ingress_hostname

    custom_header {
      name  = local.origin_header_name
      value = random_password.origin_header[0].result
    }

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = local.origin_https ? "https-only" : "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
      # the wait for the first byte and between two chunks of a streamed answer; 60 s is the most CloudFront allows
      # without a quota increase (up to 180 s), so a non-streamed answer slower than this ends in a 504
      origin_read_timeout      = var.cloudfront_origin_read_timeout
      origin_keepalive_timeout = 60
    }
  }

  default_cache_behavior {
    target_origin_id         = "ingress"
    viewer_protocol_policy   = "redirect-to-https"
    allowed_methods          = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods           = ["GET", "HEAD"]
    cache_policy_id          = data.aws_cloudfront_cache_policy.caching_disabled[0].id
    origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer[0].id
    # compression would buffer server-sent events; the services compress where it helps
    compress = false
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = !local.cloudfront_alias
    acm_certificate_arn            = local.cloudfront_alias ? local.cloudfront_certificate_arn : null
    ssl_support_method             = local.cloudfront_alias ? "sni-only" : null
    minimum_protocol_version       = local.cloudfront_alias ? "TLSv1.2_2021" : "TLSv1"
  }

  lifecycle {
    precondition {
      condition     = !local.cloudfront_alias || can(regex("^arn:aws[a-z-]*:acm:us-east-1:", local.cloudfront_certificate_arn))
      error_message = "CloudFront needs a us-east-1 certificate for RECORD_NAME: set CLOUDFRONT_CERTIFICATE_ARN."
    }
  }
}

# Optional (USE_CLOUDFRONT, the original's default): a CloudFront distribution in front of the load balancer, with
# caching disabled, since every answer is a model's answer to one client. CloudFront adds a secret origin header
# that the load balancer's rules require (alb.tf), so clients cannot go around the distribution. The header's value
# is generated here and lives only in the Terraform state (encrypted in the state bucket) and in the two resources
# that use it; no output shows it.

resource "random_password" "origin_header" {
  count   = var.use_cloudfront ? 1 : 0
  length  = 48
  special = false
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  count = var.use_cloudfront ? 1 : 0
  name  = "Managed-CachingDisabled"
}

# every viewer header (Authorization included: with caching disabled CloudFront forwards it), cookie and query
# string; the Host header too, which is the name the load balancer's certificate proves when CloudFront uses HTTPS
data "aws_cloudfront_origin_request_policy" "all_viewer" {
  count = var.use_cloudfront ? 1 : 0
  name  = "Managed-AllViewer"
}

locals {
  cloudfront_alias = var.use_cloudfront && var.record_name != ""
  # CloudFront takes certificates from us-east-1 only
  cloudfront_certificate_arn = var.cloudfront_certificate_arn != "" ? var.cloudfront_certificate_arn : var.certificate_arn
}

resource "aws_cloudfront_distribution" "this" {
  count           = var.use_cloudfront ? 1 : 0
  enabled         = true
  is_ipv6_enabled = true
  http_version    = "http2and3"
  comment         = "${local.name} gateway"
  price_class     = var.cloudfront_price_class
  aliases         = local.cloudfront_alias ? [var.record_name] : []

  origin {
    origin_id   = "alb"
    domain_name = aws_lb.this.dns_name

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
    target_origin_id         = "alb"
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

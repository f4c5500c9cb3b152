# USE_ROUTE53: RECORD_NAME for CloudFront (USE_CLOUDFRONT) or the ingress's load balancer. The controller creates
# that load balancer only once the ingress is applied, so deploy.sh applies this stack a second time with its DNS
# name (and, on later runs, the first time too, with the name the previous run recorded, so nothing is removed).

locals {
  dns_record = var.use_route53 && var.hosted_zone_name != "" && var.record_name != "" && var.ingress_hostname != ""
  zone_id    = var.create_private_hosted_zone_in_existing_vpc ? try(aws_route53_zone.private[0].zone_id, "") : try(data.aws_route53_zone.this[0].zone_id, "")
}

# the Route 53 zone of the region's application load balancers, for alias records to an ingress's load balancer
data "aws_lb_hosted_zone_id" "alb" {
  load_balancer_type = "application"
}

data "aws_route53_zone" "this" {
  count        = local.dns_record && !var.create_private_hosted_zone_in_existing_vpc ? 1 : 0
  name         = var.hosted_zone_name
  private_zone = !var.public_load_balancer && !var.use_cloudfront
}

resource "aws_route53_zone" "private" {
  count = local.dns_record && var.create_private_hosted_zone_in_existing_vpc ? 1 : 0
  name  = var.hosted_zone_name

  vpc {
    vpc_id = local.cluster.vpc_id
  }
}

resource "aws_route53_record" "this" {
  for_each = local.dns_record ? toset(local.distribution ? ["A", "AAAA"] : ["A"]) : toset([])
  zone_id  = local.zone_id
  name     = var.record_name
  type     = each.value

  alias {
    name                   = local.distribution ? aws_cloudfront_distribution.this[0].domain_name : var.ingress_hostname
    zone_id                = local.distribution ? aws_cloudfront_distribution.this[0].hosted_zone_id : data.aws_lb_hosted_zone_id.alb.id
    evaluate_target_health = !local.distribution
  }
}

# the record was one counted CNAME before CloudFront added its alias twin (the type change replaces it)
moved {
  from = aws_route53_record.this[0]
  to   = aws_route53_record.this["A"]
}

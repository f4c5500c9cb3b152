# USE_ROUTE53: RECORD_NAME for the ingress's load balancer. The controller creates that load balancer only once the
# ingress is applied, so deploy.sh applies this stack a second time with its DNS name.

locals {
  dns_record = var.use_route53 && var.hosted_zone_name != "" && var.record_name != "" && var.ingress_hostname != ""
  zone_id    = var.create_private_hosted_zone_in_existing_vpc ? try(aws_route53_zone.private[0].zone_id, "") : try(data.aws_route53_zone.this[0].zone_id, "")
}

data "aws_route53_zone" "this" {
  count        = local.dns_record && !var.create_private_hosted_zone_in_existing_vpc ? 1 : 0
  name         = var.hosted_zone_name
  private_zone = !var.public_load_balancer
}

resource "aws_route53_zone" "private" {
  count = local.dns_record && var.create_private_hosted_zone_in_existing_vpc ? 1 : 0
  name  = var.hosted_zone_name

  vpc {
    vpc_id = local.cluster.vpc_id
  }
}

resource "aws_route53_record" "this" {
  count   = local.dns_record ? 1 : 0
  zone_id = local.zone_id
  name    = var.record_name
  type    = "CNAME"
  ttl     = 300
  records = [var.ingress_hostname]
}

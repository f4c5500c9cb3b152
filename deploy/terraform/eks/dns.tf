# RECORD_NAME for the ingress's load balancer. The controller creates that load balancer only once the ingress is
# applied, so deploy.sh applies this stack a second time with its DNS name.

data "aws_route53_zone" "this" {
  count        = var.hosted_zone_name != "" && var.record_name != "" && var.ingress_hostname != "" ? 1 : 0
  name         = var.hosted_zone_name
  private_zone = !var.public_load_balancer
}

resource "aws_route53_record" "this" {
  count   = length(data.aws_route53_zone.this)
  zone_id = data.aws_route53_zone.this[0].zone_id
  name    = var.record_name
  type    = "CNAME"
  ttl     = 300
  records = [var.ingress_hostname]
}

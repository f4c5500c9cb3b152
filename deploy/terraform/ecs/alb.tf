# HTTPS in front of both containers. The middleware's own paths (ARCHITECTURE.md, Topology) go to port 3000,
# everything else to the gateway on 4000, chat included: the gateway serves chat itself in one hop and hands the
# middleware only the chat requests that need it (a managed prompt, chat history), through MIDDLEWARE_URL. A listener
# rule takes at most five condition values; with CloudFront (cloudfront.tf) one of them is the secret origin header,
# so the seven paths are split over two rules of at most four.
#
# With USE_CLOUDFRONT the load balancer only answers requests that carry CloudFront's secret origin header (403
# otherwise) and admits only CloudFront's origin-facing addresses. CloudFront reaches it over HTTPS when the
# certificate can prove a name CloudFront sends (RECORD_NAME, forwarded as the Host header), else over HTTP.

locals {
  middleware_paths = [
    ["/bedrock/model/*", "/bedrock/chat-history", "/chat-history", "/session-ids"],
    ["/user/new", "/key/generate", "/bedrock/health/liveliness"],
  ]
  origin_header_name = "X-Origin-Verify"
  https_listener     = var.certificate_arn != ""
  origin_https       = !var.use_cloudfront || (local.https_listener && var.record_name != "")
  origin_port        = local.origin_https ? 443 : 80
  # the listener whose rules reach the services: HTTPS, or HTTP when CloudFront cannot use HTTPS
  service_listener_arn = local.origin_https ? aws_lb_listener.https[0].arn : aws_lb_listener.http.arn
  # with CloudFront every forwarding rule also requires the origin header; a dynamic block's for_each may not hold a
  # sensitive value, so it iterates over the header's name and the value is read inside
  origin_header_conditions = var.use_cloudfront ? [local.origin_header_name] : []
}

# CloudFront's edge servers that reach origins; its weight (about 55 entries) nearly fills a security group's rule
# quota, so it is used for the one port CloudFront connects to
data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = var.use_cloudfront ? 1 : 0
  name  = "com.amazonaws.global.cloudfront.origin-facing"
}

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "HTTPS (and HTTP, redirected) to the load balancer"
  vpc_id      = local.base.vpc_id

  dynamic "ingress" {
    for_each = var.use_cloudfront ? [] : [443, 80]

    content {
      description = ingress.value == 443 ? "HTTPS" : "HTTP, redirected to HTTPS"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = var.public_load_balancer ? ["0.0.0.0/0"] : [local.base.vpc_cidr]
    }
  }

  dynamic "ingress" {
    for_each = var.use_cloudfront ? [local.origin_port] : []

    content {
      description     = "CloudFront's origin-facing servers only"
      from_port       = ingress.value
      to_port         = ingress.value
      protocol        = "tcp"
      prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront[0].id]
    }
  }

  egress {
    description = "to the tasks"
    from_port   = 3000
    to_port     = 4000
    protocol    = "tcp"
    cidr_blocks = [local.base.vpc_cidr]
  }
}

resource "aws_lb" "this" {
  name               = local.name
  load_balancer_type = "application"
  internal           = !var.public_load_balancer
  subnets            = var.public_load_balancer ? local.base.public_subnet_ids : local.base.private_subnet_ids
  security_groups    = [aws_security_group.alb.id]
  # streamed completions can be quiet for a long time between chunks
  idle_timeout               = 600
  drop_invalid_header_fields = true
}

resource "aws_lb_target_group" "gateway" {
  name                 = "${local.name}-gateway"
  port                 = 4000
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = local.base.vpc_id
  deregistration_delay = 30

  health_check {
    path                = "/health/liveliness"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_target_group" "middleware" {
  name                 = "${local.name}-middleware"
  port                 = 3000
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = local.base.vpc_id
  deregistration_delay = 30

  # the process-only probe: a gateway that restarts must not take the middleware out of the load balancer
  health_check {
    path                = "/health/liveliness"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  # without CloudFront: a redirect to HTTPS; with it: refused unless a rule below finds the origin header
  default_action {
    type = var.use_cloudfront ? "fixed-response" : "redirect"

    dynamic "redirect" {
      for_each = var.use_cloudfront ? [] : [1]

      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }

    dynamic "fixed_response" {
      for_each = var.use_cloudfront ? [1] : []

      content {
        content_type = "text/plain"
        message_body = "Forbidden"
        status_code  = "403"
      }
    }
  }
}

resource "aws_lb_listener" "https" {
  count             = local.https_listener ? 1 : 0
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = var.use_cloudfront ? "fixed-response" : "forward"
    target_group_arn = var.use_cloudfront ? null : aws_lb_target_group.gateway.arn

    dynamic "fixed_response" {
      for_each = var.use_cloudfront ? [1] : []

      content {
        content_type = "text/plain"
        message_body = "Forbidden"
        status_code  = "403"
      }
    }
  }
}

resource "aws_lb_listener_rule" "middleware" {
  count        = length(local.middleware_paths)
  listener_arn = local.service_listener_arn
  priority     = 10 + count.index

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.middleware.arn
  }

  condition {
    path_pattern {
      values = local.middleware_paths[count.index]
    }
  }

  dynamic "condition" {
    for_each = local.origin_header_conditions

    content {
      http_header {
        http_header_name = condition.value
        values           = [random_password.origin_header[0].result]
      }
    }
  }
}

# with CloudFront, everything else reaches the gateway only with the origin header (the listeners refuse the rest)
resource "aws_lb_listener_rule" "gateway" {
  count        = var.use_cloudfront ? 1 : 0
  listener_arn = local.service_listener_arn
  priority     = 100

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.gateway.arn
  }

  dynamic "condition" {
    for_each = local.origin_header_conditions

    content {
      http_header {
        http_header_name = condition.value
        values           = [random_password.origin_header[0].result]
      }
    }
  }
}

# USE_ROUTE53: RECORD_NAME in HOSTED_ZONE_NAME points at CloudFront or, without it, at the load balancer
locals {
  dns_record = var.use_route53 && var.hosted_zone_name != "" && var.record_name != ""
  zone_id    = var.create_private_hosted_zone_in_existing_vpc ? try(aws_route53_zone.private[0].zone_id, "") : try(data.aws_route53_zone.this[0].zone_id, "")
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
    vpc_id = local.base.vpc_id
  }
}

resource "aws_route53_record" "this" {
  for_each = local.dns_record ? toset(var.use_cloudfront ? ["A", "AAAA"] : ["A"]) : toset([])
  zone_id  = local.zone_id
  name     = var.record_name
  type     = each.value

  alias {
    name                   = var.use_cloudfront ? aws_cloudfront_distribution.this[0].domain_name : aws_lb.this.dns_name
    zone_id                = var.use_cloudfront ? aws_cloudfront_distribution.this[0].hosted_zone_id : aws_lb.this.zone_id
    evaluate_target_health = !var.use_cloudfront
  }
}

# the record was one counted resource before CloudFront added its AAAA twin
moved {
  from = aws_route53_record.this[0]
  to   = aws_route53_record.this["A"]
}

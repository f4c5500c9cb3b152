# HTTPS in front of both containers. The middleware's paths (ARCHITECTURE.md, Topology) go to port 3000, everything
# else to the gateway on 4000. A listener rule takes at most five path patterns, so the nine are split over two.

locals {
  middleware_paths = [
    ["/chat/completions", "/v1/chat/completions", "/bedrock/model/*", "/bedrock/chat-history", "/chat-history"],
    ["/session-ids", "/user/new", "/key/generate", "/bedrock/health/liveliness"],
  ]
}

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "HTTPS (and HTTP, redirected) to the load balancer"
  vpc_id      = local.base.vpc_id

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.public_load_balancer ? ["0.0.0.0/0"] : [local.base.vpc_cidr]
  }

  ingress {
    description = "HTTP, redirected to HTTPS"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = var.public_load_balancer ? ["0.0.0.0/0"] : [local.base.vpc_cidr]
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

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.gateway.arn
  }
}

resource "aws_lb_listener_rule" "middleware" {
  count        = length(local.middleware_paths)
  listener_arn = aws_lb_listener.https.arn
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
}

locals {
  dns_record = var.hosted_zone_name != "" && var.record_name != ""
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
    vpc_id = local.base.vpc_id
  }
}

resource "aws_route53_record" "this" {
  count   = local.dns_record ? 1 : 0
  zone_id = local.zone_id
  name    = var.record_name
  type    = "A"

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}

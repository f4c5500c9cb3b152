# Optional (FAKE_LLM_LOAD_TESTING_ENDPOINT_*): the fake LLM server (fake-llm-server, the image deploy.sh pushes) as a
# small Fargate service behind its own HTTPS load balancer and Route 53 record, for load tests of the gateway
# without paying a provider: point a model's api_base at https://<FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME>.
# It accepts any API key; remove it (empty variables, ./deploy.sh) when the tests are done.

locals {
  fake_llm = (var.fake_llm_load_testing_endpoint_record_name != "" && var.fake_llm_load_testing_endpoint_hosted_zone_name != ""
  && var.fake_llm_load_testing_endpoint_certificate_arn != "" && var.fake_llm_image != "")
  fake_llm_name = "${local.name}-fake-llm"
}

resource "aws_cloudwatch_log_group" "fake_llm" {
  count             = local.fake_llm ? 1 : 0
  name              = "/${local.name}/fake-llm-server"
  retention_in_days = 7
}

resource "aws_ecs_task_definition" "fake_llm" {
  count                    = local.fake_llm ? 1 : 0
  family                   = local.fake_llm_name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 1024
  memory                   = 2048
  # pulls the image and writes logs; the fake server itself calls no AWS API, so it has no task role
  execution_role_arn = aws_iam_role.execution.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture == "arm" ? "ARM64" : "X86_64"
  }

  container_definitions = jsonencode([
    {
      name         = "fake-llm-server"
      image        = var.fake_llm_image
      essential    = true
      portMappings = [{ containerPort = 8080, protocol = "tcp" }]
      environment  = [{ name = "SERVER_PORT", value = "8080" }]
      healthCheck = {
        command     = concat(local.health_check_command, ["http://127.0.0.1:8080/health"])
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 30
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.fake_llm[0].name
          awslogs-region        = var.aws_region
          awslogs-stream-prefix = "fake-llm"
        }
      }
    },
  ])
}

resource "aws_security_group" "fake_llm_alb" {
  count       = local.fake_llm ? 1 : 0
  name        = "${local.fake_llm_name}-alb"
  description = "HTTPS to the fake LLM load-testing endpoint"
  vpc_id      = local.base.vpc_id

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.public_load_balancer ? ["0.0.0.0/0"] : [local.base.vpc_cidr]
  }

  egress {
    description = "to the fake server"
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [local.base.vpc_cidr]
  }
}

resource "aws_security_group" "fake_llm_tasks" {
  count       = local.fake_llm ? 1 : 0
  name        = "${local.fake_llm_name}-tasks"
  description = "The fake LLM server's port, from its load balancer only"
  vpc_id      = local.base.vpc_id

  ingress {
    description     = "fake LLM server"
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.fake_llm_alb[0].id]
  }

  egress {
    description = "ECR and CloudWatch Logs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "fake_llm" {
  count              = local.fake_llm ? 1 : 0
  name               = local.fake_llm_name
  load_balancer_type = "application"
  internal           = !var.public_load_balancer
  subnets            = var.public_load_balancer ? local.base.public_subnet_ids : local.base.private_subnet_ids
  security_groups    = [aws_security_group.fake_llm_alb[0].id]
  # the fake streams slowly when asked to (its latency directives)
  idle_timeout               = 600
  drop_invalid_header_fields = true
}

resource "aws_lb_target_group" "fake_llm" {
  count                = local.fake_llm ? 1 : 0
  name                 = local.fake_llm_name
  port                 = 8080
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = local.base.vpc_id
  deregistration_delay = 10

  health_check {
    path                = "/health"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "fake_llm" {
  count             = local.fake_llm ? 1 : 0
  load_balancer_arn = aws_lb.fake_llm[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.fake_llm_load_testing_endpoint_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.fake_llm[0].arn
  }
}

resource "aws_ecs_service" "fake_llm" {
  count                             = local.fake_llm ? 1 : 0
  name                              = local.fake_llm_name
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.fake_llm[0].arn
  desired_count                     = 1
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 60

  network_configuration {
    subnets          = local.base.private_subnet_ids
    security_groups  = [aws_security_group.fake_llm_tasks[0].id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.fake_llm[0].arn
    container_name   = "fake-llm-server"
    container_port   = 8080
  }

  depends_on = [aws_lb_listener.fake_llm]
}

data "aws_route53_zone" "fake_llm" {
  count        = local.fake_llm ? 1 : 0
  name         = var.fake_llm_load_testing_endpoint_hosted_zone_name
  private_zone = !var.public_load_balancer
}

resource "aws_route53_record" "fake_llm" {
  count   = local.fake_llm ? 1 : 0
  zone_id = data.aws_route53_zone.fake_llm[0].zone_id
  name    = var.fake_llm_load_testing_endpoint_record_name
  type    = "A"

  alias {
    name                   = aws_lb.fake_llm[0].dns_name
    zone_id                = aws_lb.fake_llm[0].zone_id
    evaluate_target_health = true
  }
}

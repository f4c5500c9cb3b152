data "terraform_remote_state" "base" {
  backend = "s3"

  config = {
    bucket = var.terraform_s3_bucket_name
    key    = var.base_state_key
    region = var.aws_region
  }
}

locals {
  base   = data.terraform_remote_state.base.outputs
  name   = local.base.name
  cpu    = var.ecs_vcpus * 1024
  memory = var.ecs_vcpus * 2048
  # the gateway does the model calls, the middleware only translates: two thirds and one third of the task
  gateway_memory    = floor(local.memory * 2 / 3)
  middleware_memory = local.memory - local.gateway_memory

  secret_environment = [
    for name, arn in local.base.secret_arns : { name = "${name}_SECRET_ARN", value = arn }
  ]
  middleware_database = local.base.database_middleware_url_secret_arn == "" ? [] : [
    { name = "DATABASE_MIDDLEWARE_URL_SECRET_ARN", value = local.base.database_middleware_url_secret_arn },
  ]
  plain_environment = [for name, value in var.environment : { name = name, value = value }]
  # left out when empty, as the plain settings are: ECS drops empty values, and Terraform would then see a change
  # on every plan
  extra_success_callbacks = var.extra_success_callbacks == "" ? [] : [
    { name = "EXTRA_SUCCESS_CALLBACKS", value = var.extra_success_callbacks },
  ]

  gateway_environment = concat(local.secret_environment, local.plain_environment, local.extra_success_callbacks, [
    { name = "AWS_REGION", value = var.aws_region },
    { name = "LITELLM_CONFIG_BUCKET_NAME", value = local.base.config_bucket_name },
    { name = "LITELLM_CONFIG_BUCKET_OBJECT_KEY", value = local.base.config_object_key },
    { name = "REDIS_HOST", value = local.base.redis_host },
    { name = "REDIS_PORT", value = "6379" },
    { name = "REDIS_SSL", value = "true" },
    # requests that reach the gateway's port directly still find the middleware's paths
    { name = "MIDDLEWARE_URL", value = "http://localhost:3000" },
    { name = "LLMGW_CONFIG_SHA256", value = var.config_sha256 },
    { name = "CLOUDWATCH_METRICS_ENABLED", value = "true" },
    { name = "CLOUDWATCH_METRICS_NAMESPACE", value = local.base.metrics_namespace },
    # the s3 logging callback's bucket when config.yaml names none (EXTRA_SUCCESS_CALLBACKS above: the callbacks
    # deploy.sh adds to success_callback for the keys in .env)
    { name = "LOG_BUCKET_NAME", value = local.base.log_bucket_name },
  ])
  middleware_environment = concat(local.secret_environment, local.middleware_database, local.plain_environment, [
    { name = "AWS_REGION", value = var.aws_region },
    { name = "GATEWAY_URL", value = "http://localhost:4000" },
  ])

  health_check_command = ["CMD", "java", "-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", "/app/healthcheck", "HealthCheck"]
}

resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = local.cpu
  memory                   = local.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture == "arm" ? "ARM64" : "X86_64"
  }

  container_definitions = jsonencode([
    {
      name         = "gateway-service"
      image        = var.gateway_image
      essential    = true
      memory       = local.gateway_memory
      portMappings = [{ containerPort = 4000, protocol = "tcp" }]
      environment  = local.gateway_environment
      healthCheck = {
        command     = concat(local.health_check_command, ["http://127.0.0.1:4000/health/liveliness"])
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 60
      }
      stopTimeout = 60
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = local.base.log_group_names["gateway-service"]
          awslogs-region        = var.aws_region
          awslogs-stream-prefix = "gateway"
        }
      }
    },
    {
      name         = "middleware-service"
      image        = var.middleware_image
      essential    = true
      memory       = local.middleware_memory
      portMappings = [{ containerPort = 3000, protocol = "tcp" }]
      environment  = local.middleware_environment
      healthCheck = {
        command     = concat(local.health_check_command, ["http://127.0.0.1:3000/health/liveliness"])
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 60
      }
      stopTimeout = 60
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = local.base.log_group_names["middleware-service"]
          awslogs-region        = var.aws_region
          awslogs-stream-prefix = "middleware"
        }
      }
    },
  ])
}

resource "aws_security_group" "tasks" {
  name        = "${local.name}-tasks"
  description = "The gateway and middleware ports, from the load balancer only"
  vpc_id      = local.base.vpc_id

  ingress {
    description     = "gateway"
    from_port       = 4000
    to_port         = 4000
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }

  ingress {
    description     = "middleware"
    from_port       = 3000
    to_port         = 3000
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }

  egress {
    description = "providers, AWS APIs, PostgreSQL, Redis"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_ecs_service" "this" {
  name                              = local.name
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.desired_capacity
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 90
  propagate_tags                    = "SERVICE"

  network_configuration {
    subnets          = local.base.private_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.gateway.arn
    container_name   = "gateway-service"
    container_port   = 4000
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.middleware.arn
    container_name   = "middleware-service"
    container_port   = 3000
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # autoscaling owns the count once the service runs
  lifecycle {
    ignore_changes = [desired_count]
  }

  # the target groups must belong to the load balancer (through a listener or a rule) before the service starts
  depends_on = [aws_lb_listener.https, aws_lb_listener_rule.middleware, aws_lb_listener_rule.gateway]
}

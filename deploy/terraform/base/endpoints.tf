# With no outbound internet (DISABLE_OUTBOUND_NETWORK_ACCESS), the tasks reach AWS through these endpoints: image
# pulls, logs, metrics, the config object and the log bucket (the S3 gateway endpoint, whose default policy allows
# what the runtime policy does), secrets and Bedrock.

locals {
  create_endpoints = (local.create_vpc && var.disable_outbound_network_access) || (!local.create_vpc && var.create_vpc_endpoints_in_existing_vpc)
  interface_endpoints = toset([
    "ecr.api", "ecr.dkr", "logs", "monitoring", "secretsmanager", "sts", "bedrock-runtime", "bedrock-agent",
    "bedrock-agent-runtime",
  ])
}

resource "aws_security_group" "endpoints" {
  count       = local.create_endpoints ? 1 : 0
  name        = "${var.name}-endpoints"
  description = "HTTPS from the VPC to the AWS service endpoints"
  vpc_id      = local.vpc_id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [local.vpc_cidr]
  }
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = local.create_endpoints ? local.interface_endpoints : toset([])
  vpc_id              = local.vpc_id
  service_name        = "com.amazonaws.${var.aws_region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.private_subnets
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true
}

resource "aws_vpc_endpoint" "s3" {
  count             = local.create_endpoints && local.create_vpc ? 1 : 0
  vpc_id            = local.vpc_id
  service_name      = "com.amazonaws.${var.aws_region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private[0].id]
}

# PostgreSQL for keys, users, teams, spend and chat history; Redis for limits, budgets, cooldowns and the key
# cache's invalidation. Both accept connections from inside the VPC only.

resource "aws_security_group" "data" {
  name        = "${var.name}-data"
  description = "PostgreSQL and Redis from inside the VPC"
  vpc_id      = local.vpc_id

  ingress {
    description = "PostgreSQL"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [local.vpc_cidr]
  }

  ingress {
    description = "Redis"
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = [local.vpc_cidr]
  }
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = local.private_subnets
}

# letters and digits only: the password goes into DATABASE_URL unescaped
resource "random_password" "database" {
  length  = 32
  special = false
}

resource "aws_db_instance" "this" {
  identifier                 = var.name
  engine                     = "postgres"
  engine_version             = "17"
  instance_class             = var.rds_instance_class
  allocated_storage          = var.rds_allocated_storage_gb
  storage_type               = "gp3"
  storage_encrypted          = true
  db_name                    = "litellm"
  username                   = "llmgw"
  password                   = random_password.database.result
  db_subnet_group_name       = aws_db_subnet_group.this.name
  vpc_security_group_ids     = [aws_security_group.data.id]
  multi_az                   = var.rds_multi_az
  backup_retention_period    = 7
  auto_minor_version_upgrade = true
  deletion_protection        = false
  skip_final_snapshot        = false
  final_snapshot_identifier  = "${var.name}-final"
  publicly_accessible        = false
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = local.private_subnets
}

resource "random_password" "redis" {
  length  = 32
  special = false
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = var.name
  description                = "${var.name} shared state: rate limits, budgets, cooldowns, cache invalidation"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  num_cache_clusters         = var.redis_num_cache_clusters
  automatic_failover_enabled = var.redis_num_cache_clusters > 1
  multi_az_enabled           = var.redis_num_cache_clusters > 1
  port                       = 6379
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.data.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = random_password.redis.result
}

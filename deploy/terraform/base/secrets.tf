# Every secret the services read, each named so that IAM can grant exactly these. The containers get their ARNs as
# <NAME>_SECRET_ARN and read them at start-up (common-cloud); no secret value is in a task definition or manifest.

resource "random_password" "master_key" {
  length  = 40
  special = false
}

resource "random_password" "salt_key" {
  length  = 40
  special = false
}

locals {
  master_key   = var.litellm_master_key != "" ? var.litellm_master_key : "sk-${random_password.master_key.result}"
  salt_key     = var.litellm_salt_key != "" ? var.litellm_salt_key : "sk-${random_password.salt_key.result}"
  database_url = "postgresql://${aws_db_instance.this.username}:${random_password.database.result}@${aws_db_instance.this.endpoint}/${aws_db_instance.this.db_name}?sslmode=require"
  # provider keys left empty in .env are not stored: the gateway then reports the variable as unset
  provider_keys = { for name, value in var.provider_api_keys : name => value if value != "" }
  # the names are not secret, only the values: the targets set one <NAME>_SECRET_ARN per name
  provider_key_names = nonsensitive(sort([for name, value in var.provider_api_keys : name if value != ""]))
}

resource "aws_secretsmanager_secret" "master_key" {
  name                    = "${var.name}/litellm-master-key"
  description             = "LITELLM_MASTER_KEY: the gateway's admin key"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "master_key" {
  secret_id     = aws_secretsmanager_secret.master_key.id
  secret_string = local.master_key
}

resource "aws_secretsmanager_secret" "salt_key" {
  name                    = "${var.name}/litellm-salt-key"
  description             = "LITELLM_SALT_KEY: encrypts secrets stored in the database"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "salt_key" {
  secret_id     = aws_secretsmanager_secret.salt_key.id
  secret_string = local.salt_key
}

resource "aws_secretsmanager_secret" "database_url" {
  name                    = "${var.name}/database-url"
  description             = "DATABASE_URL of the RDS database"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "database_url" {
  secret_id     = aws_secretsmanager_secret.database_url.id
  secret_string = local.database_url
}

resource "aws_secretsmanager_secret" "database_middleware_url" {
  count                   = var.database_middleware_url != "" ? 1 : 0
  name                    = "${var.name}/database-middleware-url"
  description             = "DATABASE_MIDDLEWARE_URL: the middleware's own database"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "database_middleware_url" {
  count         = var.database_middleware_url != "" ? 1 : 0
  secret_id     = aws_secretsmanager_secret.database_middleware_url[0].id
  secret_string = var.database_middleware_url
}

resource "aws_secretsmanager_secret" "redis_password" {
  name                    = "${var.name}/redis-password"
  description             = "REDIS_PASSWORD: the ElastiCache auth token"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "redis_password" {
  secret_id     = aws_secretsmanager_secret.redis_password.id
  secret_string = random_password.redis.result
}

resource "aws_secretsmanager_secret" "provider_keys" {
  name                    = "${var.name}/provider-keys"
  description             = "Provider API keys as one JSON object keyed by variable name (OPENAI_API_KEY, ...)"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "provider_keys" {
  secret_id     = aws_secretsmanager_secret.provider_keys.id
  secret_string = jsonencode(local.provider_keys)
}

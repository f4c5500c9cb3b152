# What the running services may do, and nothing more: call Bedrock models and fetch managed prompts, read the one
# config object, put objects in the log bucket (the s3 logging callback: no read, list or delete), read the named
# secrets, and publish metrics to their one CloudWatch namespace. The ECS task role and the EKS pods' IRSA role both
# attach this policy.

locals {
  secret_arns = concat(
    [
      aws_secretsmanager_secret.master_key.arn,
      aws_secretsmanager_secret.salt_key.arn,
      aws_secretsmanager_secret.database_url.arn,
      aws_secretsmanager_secret.redis_password.arn,
      aws_secretsmanager_secret.provider_keys.arn,
    ],
    aws_secretsmanager_secret.database_middleware_url[*].arn,
  )
}

data "aws_iam_policy_document" "runtime" {
  statement {
    sid = "BedrockModels"
    actions = [
      "bedrock:InvokeModel",
      "bedrock:InvokeModelWithResponseStream",
      "bedrock:ApplyGuardrail",
    ]
    # cross-region inference profiles call the model in other regions, so the region is open
    resources = [
      "arn:aws:bedrock:*::foundation-model/*",
      "arn:aws:bedrock:*:${data.aws_caller_identity.current.account_id}:inference-profile/*",
      "arn:aws:bedrock:*:${data.aws_caller_identity.current.account_id}:application-inference-profile/*",
      "arn:aws:bedrock:${var.aws_region}:${data.aws_caller_identity.current.account_id}:guardrail/*",
    ]
  }

  statement {
    sid       = "BedrockManagedPrompts"
    actions   = ["bedrock:GetPrompt"]
    resources = ["arn:aws:bedrock:${var.aws_region}:${data.aws_caller_identity.current.account_id}:prompt/*"]
  }

  statement {
    sid     = "ConfigObjects"
    actions = ["s3:GetObject"]
    # config.yaml and the files its include: names, uploaded beside it; the bucket holds nothing else
    resources = ["${aws_s3_bucket.config.arn}/*"]
  }

  statement {
    sid       = "LogBucket"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/*"]
  }

  statement {
    sid       = "MetricsNamespace"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"] # PutMetricData has no resource; the namespace condition is what limits it
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metrics_namespace]
    }
  }

  statement {
    sid       = "NamedSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = local.secret_arns
  }
}

resource "aws_iam_policy" "runtime" {
  name        = "${var.name}-runtime"
  description = "Bedrock, the config object, the log bucket (put only), the named secrets and the metrics namespace, for the gateway and middleware"
  policy      = data.aws_iam_policy_document.runtime.json

  # IAM cannot change a policy's description, so a new one would replace the policy, and deleting it fails while the
  # ECS or EKS stack's role has it attached: existing deployments keep the description they were created with
  lifecycle {
    ignore_changes = [description]
  }
}

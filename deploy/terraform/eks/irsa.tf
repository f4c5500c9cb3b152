# IAM roles for service accounts: the app's pods get the base stack's runtime policy (Bedrock, the config object,
# the named secrets); the load balancer controller gets its own published policy.

data "aws_iam_policy_document" "app_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:${var.namespace}:llmgw"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "${local.name}-eks-app"
  assume_role_policy = data.aws_iam_policy_document.app_trust.json
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = local.base.runtime_policy_arn
}

data "aws_iam_policy_document" "load_balancer_controller_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:sub"
      values   = ["system:serviceaccount:kube-system:aws-load-balancer-controller"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

# the policy the controller's maintainers publish for exactly this release, read at apply time rather than copied
data "http" "load_balancer_controller_policy" {
  count = local.install_add_ons ? 1 : 0
  url   = "https://raw.githubusercontent.com/kubernetes-sigs/aws-load-balancer-controller/${var.load_balancer_controller_app_version}/docs/install/iam_policy.json"
}

resource "aws_iam_policy" "load_balancer_controller" {
  count  = local.install_add_ons ? 1 : 0
  name   = "${local.name}-aws-load-balancer-controller"
  policy = data.http.load_balancer_controller_policy[0].response_body
}

resource "aws_iam_role" "load_balancer_controller" {
  count              = local.install_add_ons ? 1 : 0
  name               = "${local.name}-aws-load-balancer-controller"
  assume_role_policy = data.aws_iam_policy_document.load_balancer_controller_trust.json
}

resource "aws_iam_role_policy_attachment" "load_balancer_controller" {
  count      = local.install_add_ons ? 1 : 0
  role       = aws_iam_role.load_balancer_controller[0].name
  policy_arn = aws_iam_policy.load_balancer_controller[0].arn
}

resource "helm_release" "load_balancer_controller" {
  count      = local.install_add_ons ? 1 : 0
  name       = "aws-load-balancer-controller"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = var.load_balancer_controller_version
  namespace  = "kube-system"

  set = [
    { name = "clusterName", value = local.cluster_name },
    { name = "region", value = var.aws_region },
    { name = "vpcId", value = local.cluster.vpc_id },
    { name = "serviceAccount.name", value = "aws-load-balancer-controller" },
    { name = "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", value = aws_iam_role.load_balancer_controller[0].arn },
  ]

  depends_on = [aws_eks_node_group.this, aws_iam_role_policy_attachment.load_balancer_controller]
}

# the HorizontalPodAutoscaler of deploy/k8s reads CPU use from the metrics server, which EKS does not run by default
resource "aws_eks_addon" "metrics_server" {
  count        = local.install_add_ons ? 1 : 0
  cluster_name = local.cluster_name
  addon_name   = "metrics-server"
  depends_on   = [aws_eks_node_group.this]
}

# A cluster with one managed node group, unless EXISTING_EKS_CLUSTER_NAME names one.

data "terraform_remote_state" "base" {
  backend = "s3"

  config = {
    bucket = var.terraform_s3_bucket_name
    key    = var.base_state_key
    region = var.aws_region
  }
}

data "aws_caller_identity" "current" {}

locals {
  base           = data.terraform_remote_state.base.outputs
  name           = local.base.name
  create_cluster = var.existing_eks_cluster_name == ""
  cluster_name   = local.create_cluster ? aws_eks_cluster.this[0].name : var.existing_eks_cluster_name
  cluster = local.create_cluster ? {
    endpoint = aws_eks_cluster.this[0].endpoint
    ca       = aws_eks_cluster.this[0].certificate_authority[0].data
    issuer   = aws_eks_cluster.this[0].identity[0].oidc[0].issuer
    vpc_id   = local.base.vpc_id
    } : {
    endpoint = data.aws_eks_cluster.existing[0].endpoint
    ca       = data.aws_eks_cluster.existing[0].certificate_authority[0].data
    issuer   = data.aws_eks_cluster.existing[0].identity[0].oidc[0].issuer
    vpc_id   = data.aws_eks_cluster.existing[0].vpc_config[0].vpc_id
  }
  cluster_endpoint = local.cluster.endpoint
  cluster_ca       = local.cluster.ca
  arm              = var.cpu_architecture == "arm"
  install_add_ons  = local.create_cluster || var.install_add_ons_in_existing_eks_cluster
}

data "aws_eks_cluster" "existing" {
  count = local.create_cluster ? 0 : 1
  name  = var.existing_eks_cluster_name
}

data "aws_iam_policy_document" "eks" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  count              = local.create_cluster ? 1 : 0
  name               = "${local.name}-eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.eks.json
}

resource "aws_iam_role_policy_attachment" "cluster" {
  count      = local.create_cluster ? 1 : 0
  role       = aws_iam_role.cluster[0].name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_eks_cluster" "this" {
  count    = local.create_cluster ? 1 : 0
  name     = local.name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster[0].arn

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = true
  }

  vpc_config {
    subnet_ids              = concat(local.base.private_subnet_ids, local.base.public_subnet_ids)
    endpoint_private_access = true
    endpoint_public_access  = true
  }

  depends_on = [aws_iam_role_policy_attachment.cluster]
}

data "aws_iam_policy_document" "nodes" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "nodes" {
  count              = local.create_cluster ? 1 : 0
  name               = "${local.name}-eks-nodes"
  assume_role_policy = data.aws_iam_policy_document.nodes.json
}

# the nodes themselves only join the cluster, run the VPC CNI and pull images; the pods' AWS rights come from IRSA
resource "aws_iam_role_policy_attachment" "nodes" {
  for_each = local.create_cluster ? toset([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
  ]) : toset([])
  role       = aws_iam_role.nodes[0].name
  policy_arn = each.value
}

resource "aws_eks_node_group" "this" {
  count           = local.create_cluster ? 1 : 0
  cluster_name    = aws_eks_cluster.this[0].name
  node_group_name = "${local.name}-${var.cpu_architecture}"
  node_role_arn   = aws_iam_role.nodes[0].arn
  subnet_ids      = local.base.private_subnet_ids
  instance_types  = [local.arm ? var.eks_arm_instance_type : var.eks_x86_instance_type]
  ami_type        = local.arm ? var.eks_arm_ami_type : var.eks_x86_ami_type

  scaling_config {
    desired_size = var.desired_capacity
    min_size     = var.min_capacity
    max_size     = var.max_capacity
  }

  dynamic "remote_access" {
    for_each = var.ec2_key_pair_name != "" ? [var.ec2_key_pair_name] : []

    content {
      ec2_ssh_key = remote_access.value
    }
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.nodes]
}

resource "aws_iam_openid_connect_provider" "this" {
  count          = local.create_cluster ? 1 : 0
  url            = aws_eks_cluster.this[0].identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_openid_connect_provider" "existing" {
  count = local.create_cluster ? 0 : 1
  url   = local.cluster.issuer
}

locals {
  oidc_provider_arn = local.create_cluster ? aws_iam_openid_connect_provider.this[0].arn : data.aws_iam_openid_connect_provider.existing[0].arn
  oidc_issuer_host  = replace(local.cluster.issuer, "https://", "")
}

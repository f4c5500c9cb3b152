# Optional (FAKE_LLM_LOAD_TESTING_ENDPOINT_*): the fake LLM server runs in the cluster (deploy/k8s/components/fake-llm,
# its own Deployment, Service and ingress, so its own HTTPS load balancer with
# FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN); this stack gives it its Route 53 record once the controller has
# made that load balancer (fake_llm_ingress_hostname, from deploy.sh's second apply).

locals {
  fake_llm = (var.fake_llm_load_testing_endpoint_record_name != "" && var.fake_llm_load_testing_endpoint_hosted_zone_name != ""
  && var.fake_llm_load_testing_endpoint_certificate_arn != "")
  fake_llm_record = local.fake_llm && var.fake_llm_ingress_hostname != ""
}

data "aws_route53_zone" "fake_llm" {
  count        = local.fake_llm_record ? 1 : 0
  name         = var.fake_llm_load_testing_endpoint_hosted_zone_name
  private_zone = !var.public_load_balancer
}

resource "aws_route53_record" "fake_llm" {
  count   = local.fake_llm_record ? 1 : 0
  zone_id = data.aws_route53_zone.fake_llm[0].zone_id
  name    = var.fake_llm_load_testing_endpoint_record_name
  type    = "A"

  alias {
    name                   = var.fake_llm_ingress_hostname
    zone_id                = data.aws_lb_hosted_zone_id.alb.id
    evaluate_target_health = true
  }
}

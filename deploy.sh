#!/usr/bin/env bash
# Deploys the gateway and the middleware to AWS from a workstation, as the original's deploy.sh did: reads .env,
# builds and pushes the images, uploads config/config.yaml to S3 and applies the Terraform stacks (base, then ECS or
# EKS as DEPLOYMENT_PLATFORM says). Prints the endpoint and how to read the master key.
#
#   ./deploy.sh [--plan] [--env-file FILE] [--config FILE]
#
#   --plan      show what would change (terraform plan) and the commands that would run; change nothing
#   --env-file  the .env to read (default .env; .env.template documents every variable)
#   --config    the LiteLLM config.yaml to upload (default config/config.yaml; without one, the built-in catalog:
#               config/default-config-base.yaml plus the deployment region's config/default-config-<region>.yaml)
#
# Needs the AWS CLI (with credentials), Terraform, Docker (with buildx for another CPU architecture) and, for EKS,
# kubectl.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=deploy/lib.sh
source deploy/lib.sh

PLAN=0
ENV_FILE=.env
CONFIG_FILE=config/config.yaml
CONFIG_GIVEN=0
while (($#)); do
	case "$1" in
	--plan) PLAN=1 ;;
	--env-file)
		ENV_FILE=${2:?--env-file needs a file}
		shift
		;;
	--config)
		CONFIG_FILE=${2:?--config needs a file}
		CONFIG_GIVEN=1
		shift
		;;
	-h | --help)
		sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "unknown argument: $1 (see --help)" >&2
		exit 2
		;;
	esac
	shift
done

if [ ! -f "$ENV_FILE" ]; then
	echo "Cannot deploy: $ENV_FILE not found. Copy .env.template to .env and fill it in." >&2
	exit 2
fi
load_env_file "$ENV_FILE"
validate_env
# no config.yaml of the operator's: the original's catalog, base + the region's Bedrock models, as the original's
# deploy.sh built it; the file uploaded includes the two catalog files, uploaded beside it
CATALOG=0
if [ ! -f "$CONFIG_FILE" ]; then
	if ((CONFIG_GIVEN)); then
		fail_env "config: $CONFIG_FILE not found (your LiteLLM config.yaml; --config names another)"
	else
		CATALOG=1
	fi
fi
TOOLS=(aws terraform)
((PLAN)) || TOOLS+=(docker)
[ "$DEPLOYMENT_PLATFORM" = EKS ] && ((!PLAN)) && TOOLS+=(kubectl)
require_tools "${TOOLS[@]}"
if command -v aws >/dev/null 2>&1; then resolve_region; fi
INCLUDES=()
if ((CATALOG)); then
	INCLUDES=(default-config-base.yaml)
	if [ -f "config/default-config-$AWS_REGION.yaml" ]; then
		INCLUDES+=("default-config-$AWS_REGION.yaml")
	else
		echo "warning: the built-in catalog has no Bedrock models for $AWS_REGION: deploying the base models only" >&2
	fi
	CONFIG_DIR=config
elif [ -f "$CONFIG_FILE" ]; then
	CONFIG_DIR=$(dirname "$CONFIG_FILE")
	while IFS= read -r name; do
		if [ -f "$CONFIG_DIR/$name" ]; then INCLUDES+=("$name"); else fail_env "config: $CONFIG_FILE includes $name, not found in $CONFIG_DIR"; fi
	done < <(config_includes "$CONFIG_FILE")
fi
report_env_errors

if [ "$DEPLOYMENT_PLATFORM" = EKS ] && [ "$ENABLE_WAF" = true ]; then
	echo "warning: ENABLE_WAF is implemented for ECS only: on EKS it is ignored (with USE_CLOUDFRONT the ingress's load balancer has CloudFront's origin web ACL)" >&2
fi
if [ "$USE_CLOUDFRONT" = true ] && { [ -z "$RECORD_NAME" ] || [ -z "$CERTIFICATE_ARN" ]; }; then
	echo "warning: CloudFront reaches the load balancer over HTTP (its certificate can prove only RECORD_NAME): requests cross that hop unencrypted; set RECORD_NAME and CERTIFICATE_ARN for HTTPS all the way" >&2
fi

TARGET=$(echo "$DEPLOYMENT_PLATFORM" | tr '[:upper:]' '[:lower:]')
# the gateway adds these to config.yaml's success_callback; config.yaml itself is uploaded as it is
EXTRA_SUCCESS_CALLBACKS=$(extra_success_callbacks)
TAG="$(git rev-parse --short HEAD 2>/dev/null || echo local)-$(date -u +%Y%m%d%H%M%S)"
if [ "$CPU_ARCHITECTURE" = arm ]; then PLATFORM=linux/arm64; else PLATFORM=linux/amd64; fi
# the variable files hold secrets: private, and gone when the script ends
umask 077
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if ((CATALOG)); then
	CONFIG_FILE=$WORK/config.yaml
	{
		echo "# written by deploy.sh: no config/config.yaml, so the built-in catalog for $AWS_REGION"
		echo "include:"
		printf '  - %s\n' "${INCLUDES[@]}"
	} >"$CONFIG_FILE"
fi
# what the gateway reads, included files too: a change to any of them rolls the tasks
CONFIG_FILES=("$CONFIG_FILE")
# (the ${x+...} form keeps an empty list from tripping set -u in macOS's bash 3.2)
for name in ${INCLUDES[@]+"${INCLUDES[@]}"}; do CONFIG_FILES+=("$CONFIG_DIR/$name"); done
if command -v sha256sum >/dev/null 2>&1; then
	CONFIG_SHA256=$(cat "${CONFIG_FILES[@]}" | sha256sum | cut -d' ' -f1)
else
	CONFIG_SHA256=$(cat "${CONFIG_FILES[@]}" | shasum -a 256 | cut -d' ' -f1)
fi
SERVICES=(gateway-service middleware-service fake-llm-server)

if ((PLAN)); then
	echo "Planning a $DEPLOYMENT_PLATFORM deployment \"$DEPLOYMENT_NAME\" in $AWS_REGION: nothing will be changed."
else
	echo "Deploying \"$DEPLOYMENT_NAME\" to $DEPLOYMENT_PLATFORM in $AWS_REGION (images tagged $TAG)."
fi

# reads a stack's output; when planning, a stack not applied yet has none, and a placeholder stands in
tf_output() {
	local stack=$1 name=$2
	if ((PLAN)); then
		terraform -chdir="deploy/terraform/$stack" output -raw "$name" 2>/dev/null || echo "<$stack.$name>"
	else
		terraform -chdir="deploy/terraform/$stack" output -raw "$name"
	fi
}

tf_apply_or_plan() {
	local stack=$1
	shift
	if ((PLAN)); then
		read_only terraform -chdir="deploy/terraform/$stack" plan -input=false -lock=false "$@"
	else
		run terraform -chdir="deploy/terraform/$stack" apply -input=false -auto-approve "$@"
	fi
}

step "AWS account"
read_only aws sts get-caller-identity --query Account --output text

step "Terraform state bucket s3://$TERRAFORM_S3_BUCKET_NAME"
STATE_EXISTS=1
if aws s3api head-bucket --bucket "$TERRAFORM_S3_BUCKET_NAME" >/dev/null 2>&1; then
	echo "    exists"
else
	STATE_EXISTS=0
	if [ "$AWS_REGION" = us-east-1 ]; then
		run aws s3api create-bucket --bucket "$TERRAFORM_S3_BUCKET_NAME" --region "$AWS_REGION"
	else
		run aws s3api create-bucket --bucket "$TERRAFORM_S3_BUCKET_NAME" --region "$AWS_REGION" \
			--create-bucket-configuration "LocationConstraint=$AWS_REGION"
	fi
	run aws s3api put-bucket-versioning --bucket "$TERRAFORM_S3_BUCKET_NAME" \
		--versioning-configuration Status=Enabled
	((PLAN)) || STATE_EXISTS=1
fi

step "Build the images ($PLATFORM)"
for service in "${SERVICES[@]}"; do
	run docker build --platform "$PLATFORM" -f "docker/$service.Dockerfile" -t "$service:$TAG" .
done

step "Base stack: network, PostgreSQL, Redis, config and log buckets, secrets, ECR, log groups"
{
	printf '{\n'
	printf '  "aws_region": %s,\n' "$(json_string "$AWS_REGION")"
	printf '  "name": %s,\n' "$(json_string "$DEPLOYMENT_NAME")"
	printf '  "existing_vpc_id": %s,\n' "$(json_string "$EXISTING_VPC_ID")"
	printf '  "create_vpc_endpoints_in_existing_vpc": %s,\n' "$CREATE_VPC_ENDPOINTS_IN_EXISTING_VPC"
	printf '  "disable_outbound_network_access": %s,\n' "$DISABLE_OUTBOUND_NETWORK_ACCESS"
	printf '  "rds_instance_class": %s,\n' "$(json_string "$RDS_INSTANCE_CLASS")"
	printf '  "rds_allocated_storage_gb": %s,\n' "$RDS_ALLOCATED_STORAGE_GB"
	printf '  "rds_multi_az": %s,\n' "$RDS_MULTI_AZ"
	printf '  "redis_node_type": %s,\n' "$(json_string "$REDIS_NODE_TYPE")"
	printf '  "redis_num_cache_clusters": %s,\n' "$REDIS_NUM_CACHE_CLUSTERS"
	printf '  "litellm_master_key": %s,\n' "$(json_string "$LITELLM_MASTER_KEY")"
	printf '  "litellm_salt_key": %s,\n' "$(json_string "$LITELLM_SALT_KEY")"
	printf '  "database_middleware_url": %s,\n' "$(json_string "$DATABASE_MIDDLEWARE_URL")"
	printf '  "metrics_namespace": %s,\n' "$(json_string "$CLOUDWATCH_METRICS_NAMESPACE")"
	printf '  "alarm_5xx_percent": %s,\n' "$ALARM_5XX_PERCENT"
	printf '  "alarm_p99_latency_seconds": %s,\n' "$ALARM_P99_LATENCY_SECONDS"
	printf '  "alarm_sns_topic_arn": %s,\n' "$(json_string "$ALARM_SNS_TOPIC_ARN")"
	printf '  "log_bucket_retention_days": %s,\n' "$LOG_BUCKET_RETENTION_DAYS"
	# shellcheck disable=SC2046 # one word per variable name
	printf '  "provider_api_keys": %s\n' "$(json_object_of $(secret_keys_in_env))"
	printf '}\n'
} >"$WORK/base.tfvars.json"
if ((STATE_EXISTS)); then
	terraform_init base
	tf_apply_or_plan base -var-file="$WORK/base.tfvars.json"
else
	echo "    (no state bucket yet, so nothing to compare with: every resource would be created)"
fi

GATEWAY_REPOSITORY=$(tf_output base gateway_repository_url)
MIDDLEWARE_REPOSITORY=$(tf_output base middleware_repository_url)
FAKE_REPOSITORY=$(tf_output base fake_llm_repository_url)
CONFIG_BUCKET=$(tf_output base config_bucket_name)
CONFIG_KEY=$(tf_output base config_object_key)
LOG_BUCKET=$(tf_output base log_bucket_name)
REGISTRY=${GATEWAY_REPOSITORY%%/*}
if [ -n "$EXTRA_SUCCESS_CALLBACKS" ]; then
	CALLBACKS_SAID="adds ${EXTRA_SUCCESS_CALLBACKS//,/, } to success_callback (EXTRA_SUCCESS_CALLBACKS, for their keys in $ENV_FILE)"
else
	CALLBACKS_SAID="adds none to success_callback (no LangSmith or Langfuse keys in $ENV_FILE)"
fi
echo "    Logging callbacks: the gateway $CALLBACKS_SAID;"
echo "    the s3 callback (success_callback: [\"s3\"] in config.yaml) logs to the log bucket LOG_BUCKET_NAME=$LOG_BUCKET"

step "Push the images to ECR ($REGISTRY)"
printf '    $ aws ecr get-login-password --region %s | docker login --username AWS --password-stdin %s\n' \
	"$AWS_REGION" "$REGISTRY"
if ((!PLAN)); then
	aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "$REGISTRY"
fi
for pair in "gateway-service=$GATEWAY_REPOSITORY" "middleware-service=$MIDDLEWARE_REPOSITORY" \
	"fake-llm-server=$FAKE_REPOSITORY"; do
	run docker tag "${pair%%=*}:$TAG" "${pair#*=}:$TAG"
	run docker push "${pair#*=}:$TAG"
done

if ((CATALOG)); then
	step "Upload the built-in catalog (${INCLUDES[*]}) to s3://$CONFIG_BUCKET/$CONFIG_KEY"
else
	step "Upload $CONFIG_FILE to s3://$CONFIG_BUCKET/$CONFIG_KEY"
fi
run aws s3 cp "$CONFIG_FILE" "s3://$CONFIG_BUCKET/$CONFIG_KEY" --only-show-errors
# included files go beside config.yaml, where the gateway reads them
CONFIG_PREFIX=$(dirname "$CONFIG_KEY")
[ "$CONFIG_PREFIX" = . ] && CONFIG_PREFIX="" || CONFIG_PREFIX="$CONFIG_PREFIX/"
for name in ${INCLUDES[@]+"${INCLUDES[@]}"}; do
	run aws s3 cp "$CONFIG_DIR/$name" "s3://$CONFIG_BUCKET/$CONFIG_PREFIX$name" --only-show-errors
done

plain_environment_json() {
	local names=() name
	for name in "${PLAIN_KEYS[@]}"; do
		if [ -n "${!name}" ]; then names+=("$name"); fi
	done
	json_object_of "${names[@]}"
}

if [ "$TARGET" = ecs ]; then
	ECS_PARTS="Fargate service, HTTPS load balancer, autoscaling"
	[ "$USE_CLOUDFRONT" = true ] && ECS_PARTS+=", CloudFront"
	fake_llm_endpoint_wanted && ECS_PARTS+=", fake LLM endpoint"
	step "ECS stack: $ECS_PARTS"
	cat >"$WORK/ecs.tfvars.json" <<JSON
{
  "aws_region": $(json_string "$AWS_REGION"),
  "terraform_s3_bucket_name": $(json_string "$TERRAFORM_S3_BUCKET_NAME"),
  "base_state_key": $(json_string "$DEPLOYMENT_NAME/base.tfstate"),
  "gateway_image": $(json_string "$GATEWAY_REPOSITORY:$TAG"),
  "middleware_image": $(json_string "$MIDDLEWARE_REPOSITORY:$TAG"),
  "config_sha256": $(json_string "$CONFIG_SHA256"),
  "desired_capacity": $DESIRED_CAPACITY,
  "min_capacity": $MIN_CAPACITY,
  "max_capacity": $MAX_CAPACITY,
  "ecs_cpu_target_utilization_percentage": $ECS_CPU_TARGET_UTILIZATION_PERCENTAGE,
  "ecs_memory_target_utilization_percentage": $ECS_MEMORY_TARGET_UTILIZATION_PERCENTAGE,
  "ecs_requests_per_target": $ECS_REQUESTS_PER_TARGET,
  "ecs_vcpus": $ECS_VCPUS,
  "cpu_architecture": $(json_string "$CPU_ARCHITECTURE"),
  "public_load_balancer": $PUBLIC_LOAD_BALANCER,
  "certificate_arn": $(json_string "$CERTIFICATE_ARN"),
  "use_route53": $USE_ROUTE53,
  "hosted_zone_name": $(json_string "$HOSTED_ZONE_NAME"),
  "record_name": $(json_string "$RECORD_NAME"),
  "use_cloudfront": $USE_CLOUDFRONT,
  "cloudfront_price_class": $(json_string "$CLOUDFRONT_PRICE_CLASS"),
  "cloudfront_certificate_arn": $(json_string "$CLOUDFRONT_CERTIFICATE_ARN"),
  "cloudfront_origin_read_timeout": $CLOUDFRONT_ORIGIN_READ_TIMEOUT,
  "fake_llm_image": $(json_string "$FAKE_REPOSITORY:$TAG"),
  "fake_llm_load_testing_endpoint_certificate_arn": $(json_string "$FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN"),
  "fake_llm_load_testing_endpoint_hosted_zone_name": $(json_string "$FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME"),
  "fake_llm_load_testing_endpoint_record_name": $(json_string "$FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME"),
  "enable_waf": $ENABLE_WAF,
  "create_private_hosted_zone_in_existing_vpc": $CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC,
  "extra_success_callbacks": $(json_string "$EXTRA_SUCCESS_CALLBACKS"),
  "environment": $(plain_environment_json)
}
JSON
	if ((STATE_EXISTS)); then
		terraform_init ecs
		tf_apply_or_plan ecs -var-file="$WORK/ecs.tfvars.json"
	fi
else
	# the EKS stack's variables; $1 and $2: the load balancer names of the gateway's and the fake endpoint's ingresses,
	# $3: USE_CLOUDFRONT for this apply
	eks_tfvars() {
		cat <<JSON
{
  "aws_region": $(json_string "$AWS_REGION"),
  "terraform_s3_bucket_name": $(json_string "$TERRAFORM_S3_BUCKET_NAME"),
  "base_state_key": $(json_string "$DEPLOYMENT_NAME/base.tfstate"),
  "existing_eks_cluster_name": $(json_string "$EXISTING_EKS_CLUSTER_NAME"),
  "install_add_ons_in_existing_eks_cluster": $INSTALL_ADD_ONS_IN_EXISTING_EKS_CLUSTER,
  "kubernetes_version": $(json_string "$EKS_KUBERNETES_VERSION"),
  "cpu_architecture": $(json_string "$CPU_ARCHITECTURE"),
  "eks_arm_instance_type": $(json_string "$EKS_ARM_INSTANCE_TYPE"),
  "eks_x86_instance_type": $(json_string "$EKS_X86_INSTANCE_TYPE"),
  "eks_arm_ami_type": $(json_string "$EKS_ARM_AMI_TYPE"),
  "eks_x86_ami_type": $(json_string "$EKS_X86_AMI_TYPE"),
  "desired_capacity": $DESIRED_CAPACITY,
  "min_capacity": $MIN_CAPACITY,
  "max_capacity": $MAX_CAPACITY,
  "ec2_key_pair_name": $(json_string "$EC2_KEY_PAIR_NAME"),
  "use_route53": $USE_ROUTE53,
  "hosted_zone_name": $(json_string "$HOSTED_ZONE_NAME"),
  "record_name": $(json_string "$RECORD_NAME"),
  "public_load_balancer": $PUBLIC_LOAD_BALANCER,
  "create_private_hosted_zone_in_existing_vpc": $CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC,
  "certificate_arn": $(json_string "$CERTIFICATE_ARN"),
  "use_cloudfront": $3,
  "cloudfront_price_class": $(json_string "$CLOUDFRONT_PRICE_CLASS"),
  "cloudfront_certificate_arn": $(json_string "$CLOUDFRONT_CERTIFICATE_ARN"),
  "cloudfront_origin_read_timeout": $CLOUDFRONT_ORIGIN_READ_TIMEOUT,
  "fake_llm_load_testing_endpoint_certificate_arn": $(json_string "$FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN"),
  "fake_llm_load_testing_endpoint_hosted_zone_name": $(json_string "$FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME"),
  "fake_llm_load_testing_endpoint_record_name": $(json_string "$FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME"),
  "ingress_hostname": $(json_string "$1"),
  "fake_llm_ingress_hostname": $(json_string "$2")
}
JSON
	}
	# what the previous run recorded (nothing on the first): its first apply then keeps the distribution and the
	# records, which would otherwise go until the second apply made them again; CloudFront turned off stays on until
	# the ingress has let go of its web ACL and security group
	previous_eks_output() {
		local value
		value=$(terraform -chdir=deploy/terraform/eks output -raw "$1" 2>/dev/null || true)
		if [[ $value =~ ^[a-z0-9.-]+$ ]]; then echo "$value"; fi
	}
	PREVIOUS_INGRESS_HOSTNAME=""
	PREVIOUS_FAKE_INGRESS_HOSTNAME=""
	PREVIOUS_USE_CLOUDFRONT=false
	EKS_PARTS="cluster, node group, IRSA roles, AWS Load Balancer Controller"
	[ "$USE_CLOUDFRONT" = true ] && EKS_PARTS+=", CloudFront's origin web ACL and security group"
	step "EKS stack: $EKS_PARTS"
	if ((STATE_EXISTS)); then
		terraform_init eks
		PREVIOUS_INGRESS_HOSTNAME=$(previous_eks_output ingress_hostname)
		PREVIOUS_FAKE_INGRESS_HOSTNAME=$(previous_eks_output fake_llm_ingress_hostname)
		[ "$(previous_eks_output use_cloudfront)" = true ] && PREVIOUS_USE_CLOUDFRONT=true
	fi
	FIRST_USE_CLOUDFRONT=$USE_CLOUDFRONT
	[ "$PREVIOUS_USE_CLOUDFRONT" = true ] && FIRST_USE_CLOUDFRONT=true
	fake_llm_endpoint_wanted || PREVIOUS_FAKE_INGRESS_HOSTNAME=""
	eks_tfvars "$PREVIOUS_INGRESS_HOSTNAME" "$PREVIOUS_FAKE_INGRESS_HOSTNAME" "$FIRST_USE_CLOUDFRONT" >"$WORK/eks.tfvars.json"
	if ((STATE_EXISTS)); then
		tf_apply_or_plan eks -var-file="$WORK/eks.tfvars.json"
	fi

	step "Kubernetes: deploy/k8s/overlays/eks with this deployment's images, role, certificate and settings"
	CLUSTER=$(tf_output eks cluster_name)
	APP_ROLE_ARN=$(tf_output eks app_role_arn)
	REDIS_HOST=$(tf_output base redis_host)
	SECRET_ENVIRONMENT=$(tf_output base secret_environment)
	METRICS_NAMESPACE=$(tf_output base metrics_namespace)
	OVERLAY=run/k8s-eks
	mkdir -p "$OVERLAY"
	{
		echo "AWS_REGION=$AWS_REGION"
		echo "LITELLM_CONFIG_BUCKET_NAME=$CONFIG_BUCKET"
		echo "LITELLM_CONFIG_BUCKET_OBJECT_KEY=$CONFIG_KEY"
		echo "REDIS_HOST=$REDIS_HOST"
		echo "REDIS_PORT=6379"
		echo "LLMGW_CONFIG_SHA256=$CONFIG_SHA256"
		echo "CLOUDWATCH_METRICS_ENABLED=true"
		echo "CLOUDWATCH_METRICS_NAMESPACE=$METRICS_NAMESPACE"
		echo "LOG_BUCKET_NAME=$LOG_BUCKET"
		if [ -n "$EXTRA_SUCCESS_CALLBACKS" ]; then echo "EXTRA_SUCCESS_CALLBACKS=$EXTRA_SUCCESS_CALLBACKS"; fi
		echo "$SECRET_ENVIRONMENT"
		for name in "${PLAIN_KEYS[@]}"; do
			if [ -n "${!name}" ]; then echo "$name=${!name}"; fi
		done
	} | sed '/^$/d' >"$OVERLAY/deploy.env"
	if [ "$PUBLIC_LOAD_BALANCER" = true ]; then SCHEME=internet-facing; else SCHEME=internal; fi
	# the gateway ingress's annotations: identifiers only (the origin header's value stays in Terraform's state)
	INGRESS_ANNOTATIONS=(scheme "$SCHEME")
	COMPONENTS=()
	if [ "$USE_CLOUDFRONT" = true ]; then
		COMPONENTS+=(../../deploy/k8s/components/cloudfront-origin)
		INGRESS_ANNOTATIONS+=(wafv2-acl-arn "$(tf_output eks origin_web_acl_arn)"
			security-groups "$(tf_output eks origin_security_group_id)")
		if [ -n "$CERTIFICATE_ARN" ] && [ -n "$RECORD_NAME" ]; then
			INGRESS_ANNOTATIONS+=(listen-ports '[{"HTTPS": 443}]' certificate-arn "$CERTIFICATE_ARN")
		else
			INGRESS_ANNOTATIONS+=(listen-ports '[{"HTTP": 80}]')
		fi
	else
		INGRESS_ANNOTATIONS+=(certificate-arn "$CERTIFICATE_ARN")
		# the controller keeps a web ACL it once associated unless told otherwise
		[ "$PREVIOUS_USE_CLOUDFRONT" = true ] && INGRESS_ANNOTATIONS+=(wafv2-acl-arn none)
	fi
	FAKE_IMAGE=""
	FAKE_PATCH=""
	if fake_llm_endpoint_wanted; then
		COMPONENTS+=(../../deploy/k8s/components/fake-llm)
		FAKE_IMAGE="
  - name: fake-llm-server
    newName: $FAKE_REPOSITORY
    newTag: \"$TAG\""
		FAKE_PATCH="
  - target: {kind: Ingress, name: fake-llm-server}
    patch: |-
      - op: add
        path: /metadata/annotations/alb.ingress.kubernetes.io~1certificate-arn
        value: $(json_string "$FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN")
      - op: add
        path: /metadata/annotations/alb.ingress.kubernetes.io~1scheme
        value: $SCHEME"
	fi
	{
		cat <<YAML
# written by deploy.sh for one deployment; not versioned
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../deploy/k8s/overlays/eks
YAML
		if ((${#COMPONENTS[@]})); then
			echo "components:"
			printf '  - %s\n' "${COMPONENTS[@]}"
		fi
		cat <<YAML
images:
  - name: gateway-service
    newName: $GATEWAY_REPOSITORY
    newTag: "$TAG"
  - name: middleware-service
    newName: $MIDDLEWARE_REPOSITORY
    newTag: "$TAG"$FAKE_IMAGE
configMapGenerator:
  - name: llmgw-env
    behavior: merge
    envs:
      - deploy.env
patches:
  - target: {kind: ServiceAccount, name: llmgw}
    patch: |-
      - op: add
        path: /metadata/annotations
        value: {"eks.amazonaws.com/role-arn": "$APP_ROLE_ARN"}
  - target: {kind: Ingress, name: llmgw}
    patch: |-
YAML
		set -- "${INGRESS_ANNOTATIONS[@]}"
		while (($#)); do
			printf '      - op: add\n        path: /metadata/annotations/alb.ingress.kubernetes.io~1%s\n        value: %s\n' \
				"$1" "$(json_string "$2")"
			shift 2
		done
		if [ -n "$FAKE_PATCH" ]; then echo "${FAKE_PATCH#$'\n'}"; fi
	} >"$OVERLAY/kustomization.yaml"
	echo "    wrote $OVERLAY/kustomization.yaml and $OVERLAY/deploy.env"
	run aws eks update-kubeconfig --name "$CLUSTER" --region "$AWS_REGION"
	run kubectl apply -k "$OVERLAY"
	if ! fake_llm_endpoint_wanted; then
		# a fake endpoint of an earlier run goes, and the controller deletes its load balancer
		run kubectl -n llmgw delete ingress,service,deployment -l app.kubernetes.io/name=fake-llm-server --ignore-not-found
	fi
	run kubectl -n llmgw rollout status deployment/llmgw --timeout=10m
	INGRESS_HOSTNAME=$PREVIOUS_INGRESS_HOSTNAME
	FAKE_INGRESS_HOSTNAME=$PREVIOUS_FAKE_INGRESS_HOSTNAME
	if ((!PLAN)); then
		ingress_hostname() {
			kubectl -n llmgw get ingress "$1" -o jsonpath='{.status.loadBalancer.ingress[0].hostname}' 2>/dev/null || true
		}
		echo "    waiting for the load balancer controller to create the load balancers..."
		for _ in $(seq 1 60); do
			INGRESS_HOSTNAME=$(ingress_hostname llmgw)
			if fake_llm_endpoint_wanted; then FAKE_INGRESS_HOSTNAME=$(ingress_hostname fake-llm-server); fi
			if [ -n "$INGRESS_HOSTNAME" ] && { [ -n "$FAKE_INGRESS_HOSTNAME" ] || ! fake_llm_endpoint_wanted; }; then break; fi
			sleep 10
		done
		[ -n "$INGRESS_HOSTNAME" ] || echo "warning: the ingress has no load balancer yet; see kubectl -n llmgw describe ingress llmgw" >&2
		if fake_llm_endpoint_wanted && [ -z "$FAKE_INGRESS_HOSTNAME" ]; then
			echo "warning: the fake LLM endpoint's ingress has no load balancer yet; see kubectl -n llmgw describe ingress fake-llm-server" >&2
		fi
	fi

	EDGE_PARTS=()
	[ "$USE_CLOUDFRONT" = true ] && EDGE_PARTS+=("CloudFront in front of the ingress")
	[ "$PREVIOUS_USE_CLOUDFRONT" = true ] && [ "$USE_CLOUDFRONT" != true ] && EDGE_PARTS+=("CloudFront removed")
	[ "$USE_ROUTE53" = true ] && EDGE_PARTS+=("$RECORD_NAME")
	fake_llm_endpoint_wanted && EDGE_PARTS+=("$FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME")
	((${#EDGE_PARTS[@]})) || EDGE_PARTS=("the load balancer names")
	EDGE_STEP=$(printf ', %s' "${EDGE_PARTS[@]}")
	step "EKS stack again, with the ingresses' load balancers: ${EDGE_STEP#, }"
	eks_tfvars "$INGRESS_HOSTNAME" "$FAKE_INGRESS_HOSTNAME" "$USE_CLOUDFRONT" >"$WORK/eks.tfvars.json"
	run terraform -chdir=deploy/terraform/eks apply -input=false -auto-approve -var-file="$WORK/eks.tfvars.json"
fi

step "Done"
if ((PLAN)); then
	echo "    Nothing was changed. Run ./deploy.sh without --plan to apply."
	exit 0
fi
ENDPOINT=$(tf_output "$TARGET" base_url)
DNS_TARGET=$(tf_output "$TARGET" dns_target)
FAKE_ENDPOINT=$(tf_output "$TARGET" fake_llm_base_url)
if [ "$TARGET" = eks ]; then
	# empty while the ingress has no load balancer
	[ -n "$ENDPOINT" ] || ENDPOINT="https://<the load balancer of: kubectl -n llmgw get ingress llmgw>"
	[ -n "$DNS_TARGET" ] || DNS_TARGET="the load balancer of the ingress (kubectl -n llmgw get ingress llmgw)"
fi
MASTER_KEY_ARN=$(tf_output base master_key_secret_arn)
cat <<MSG

The gateway is at $ENDPOINT
  OpenAI SDKs:         base_url=$ENDPOINT/v1
  Bedrock (Converse):  endpoint_url=$ENDPOINT/bedrock
MSG
if [ -n "$RECORD_NAME" ] && [ "$USE_ROUTE53" != true ]; then
	echo "  (USE_ROUTE53 is false: point $RECORD_NAME at $DNS_TARGET in your DNS, a CNAME)"
fi
if [ -n "$FAKE_ENDPOINT" ]; then
	echo "The fake LLM load-testing endpoint is at $FAKE_ENDPOINT (any API key; api_base=$FAKE_ENDPOINT/v1 for OpenAI models)"
fi
cat <<MSG

The master key is in Secrets Manager ($MASTER_KEY_ARN):
  aws secretsmanager get-secret-value --region $AWS_REGION --secret-id $MASTER_KEY_ARN --query SecretString --output text
MSG

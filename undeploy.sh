#!/usr/bin/env bash
# Removes what deploy.sh created, target stack first (for EKS, the Kubernetes objects before the cluster, so that the
# load balancer controller deletes its load balancer), then the base stack. The Terraform state bucket stays.
#
#   ./undeploy.sh [--plan] [--yes] [--env-file FILE]
#
#   --plan      show what would be destroyed (terraform plan -destroy); change nothing
#   --yes       do not ask for confirmation
#   --env-file  the .env to read (default .env)
#
# The RDS database leaves a final snapshot (<DEPLOYMENT_NAME>-final); the secrets stay recoverable for 7 days.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=deploy/lib.sh
source deploy/lib.sh

PLAN=0
YES=0
ENV_FILE=.env
while (($#)); do
	case "$1" in
	--plan) PLAN=1 ;;
	--yes) YES=1 ;;
	--env-file)
		ENV_FILE=${2:?--env-file needs a file}
		shift
		;;
	-h | --help)
		sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
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
	echo "Cannot undeploy: $ENV_FILE not found (the .env the deployment was made with)." >&2
	exit 2
fi
load_env_file "$ENV_FILE"
validate_env
TOOLS=(aws terraform)
[ "$DEPLOYMENT_PLATFORM" = EKS ] && ((!PLAN)) && TOOLS+=(kubectl)
require_tools "${TOOLS[@]}"
if command -v aws >/dev/null 2>&1; then resolve_region; fi
report_env_errors
TARGET=$(echo "$DEPLOYMENT_PLATFORM" | tr '[:upper:]' '[:lower:]')

if ((!PLAN && !YES)); then
	read -r -p "Destroy deployment \"$DEPLOYMENT_NAME\" ($DEPLOYMENT_PLATFORM, $AWS_REGION) and its database? Type the name to confirm: " answer
	if [ "$answer" != "$DEPLOYMENT_NAME" ]; then
		echo "not confirmed; nothing was changed" >&2
		exit 1
	fi
fi

# destroy needs the variables without defaults; their values do not matter for what is destroyed
TARGET_VARS=(-var="aws_region=$AWS_REGION" -var="terraform_s3_bucket_name=$TERRAFORM_S3_BUCKET_NAME"
	-var="base_state_key=$DEPLOYMENT_NAME/base.tfstate")
[ "$TARGET" = ecs ] && TARGET_VARS+=(-var="gateway_image=none" -var="middleware_image=none"
	-var="certificate_arn=$CERTIFICATE_ARN")

destroy() {
	local stack=$1
	shift
	terraform_init "$stack"
	if ((PLAN)); then
		read_only terraform -chdir="deploy/terraform/$stack" plan -destroy -input=false -lock=false "$@"
	else
		run terraform -chdir="deploy/terraform/$stack" destroy -input=false -auto-approve "$@"
	fi
}

if [ "$TARGET" = eks ]; then
	step "Kubernetes objects (the controller deletes the ingress's load balancer)"
	if [ -f run/k8s-eks/kustomization.yaml ]; then
		run kubectl delete -k run/k8s-eks --ignore-not-found --wait=true
	else
		run kubectl delete namespace llmgw --ignore-not-found --wait=true
	fi
fi

step "${DEPLOYMENT_PLATFORM} stack"
destroy "$TARGET" "${TARGET_VARS[@]}"

step "Base stack"
destroy base -var="aws_region=$AWS_REGION" -var="name=$DEPLOYMENT_NAME"

step "Done"
if ((PLAN)); then
	echo "    Nothing was changed. Run ./undeploy.sh without --plan to destroy."
else
	echo "    Removed. The state bucket s3://$TERRAFORM_S3_BUCKET_NAME and the final database snapshot remain."
fi

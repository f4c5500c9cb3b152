#!/usr/bin/env bash
# Checks the deployment without AWS or Docker, as part of ./mvnw verify (DeployScriptsTests) and on its own:
#   1. every shell script passes bash -n and shellcheck;
#   2. every .tf file parses and keeps terraform fmt style; Kubernetes manifests, compose and Dockerfiles parse and
#      agree with the services (images, ports, probe paths, environment variables, the middleware's paths);
#   3. deploy.sh --plan, a full deploy.sh (ECS and EKS) and undeploy.sh run against stand-ins for aws, terraform,
#      docker and kubectl that record their calls, and the calls come in the right order, with no secret on a
#      command line; the CloudFront, Route 53 and fake LLM endpoint settings reach the ECS and EKS variable files as
#      the .env says (on EKS both applies: before the manifests and with the ingresses' load balancers, a later run
#      starting from what the previous one recorded), and the overlay deploy.sh writes builds (kubectl kustomize)
#      with the ingress annotations they mean (the origin web ACL and security group, one listener, the fake
#      endpoint's own ingress) and never the origin header; the logging callbacks' keys in .env turn on langsmith
#      and langfuse (EXTRA_SUCCESS_CALLBACKS, config.yaml left as it is), their secrets join the provider keys, their
#      plain settings and the log bucket (LOG_BUCKET_NAME) reach the gateway on ECS and EKS; a bad .env fails before
#      any command runs, naming every problem.
# Node tools (@cdktf/hcl2json, yaml) are installed on first use into LLMGW_TOOLS_DIR (default ~/.cache/llmgw-tools),
# outside the repository (--tools installs them and stops). Prints one "ok" line per check and ends with
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS_DIR=${LLMGW_TOOLS_DIR:-$HOME/.cache/llmgw-tools}
export LLMGW_TOOLS_DIR=$TOOLS_DIR
PASSED=0
FAILED=0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

pass() {
	PASSED=$((PASSED + 1))
	echo "ok    $1"
}
fail() {
	FAILED=$((FAILED + 1))
	echo "FAIL  $1"
	local line
	if [ -n "${2:-}" ]; then
		while IFS= read -r line; do echo "      $line"; done <<<"$2"
	fi
}

# --- tools -----------------------------------------------------------------------------------------------------
if [ ! -d "$TOOLS_DIR/node_modules/@cdktf/hcl2json" ] || [ ! -d "$TOOLS_DIR/node_modules/yaml" ]; then
	echo "installing @cdktf/hcl2json and yaml into $TOOLS_DIR"
	mkdir -p "$TOOLS_DIR"
	npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" @cdktf/hcl2json@0.21.0 yaml@2.9.1 >/dev/null
fi
if [ "${1:-}" = --tools ]; then
	exit 0
fi
for tool in shellcheck node; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		fail "$tool is needed (apt-get install shellcheck nodejs; .ci/run installs them)"
		echo "0 passed, $FAILED failed"
		exit 1
	fi
done

# --- 1. shell scripts ------------------------------------------------------------------------------------------
SCRIPTS=(deploy.sh undeploy.sh deploy/lib.sh .ci/run scripts/*.sh scripts/deploy-stubs/*)
for script in "${SCRIPTS[@]}"; do
	if ! out=$(bash -n "$script" 2>&1); then
		fail "bash -n $script" "$out"
	fi
done
if out=$(shellcheck -x "${SCRIPTS[@]}" 2>&1); then
	pass "bash -n and shellcheck: ${#SCRIPTS[@]} scripts"
else
	fail "shellcheck" "$out"
fi

# --- 2. files --------------------------------------------------------------------------------------------------
mapfile -t TF_FILES < <(find deploy/terraform -name '*.tf' -not -path '*/.terraform/*' | sort)
if out=$(node scripts/check-terraform-style.mjs "${TF_FILES[@]}" 2>&1); then
	pass "terraform fmt style: ${#TF_FILES[@]} files"
else
	fail "terraform fmt style" "$out"
fi
if command -v terraform >/dev/null 2>&1; then
	if out=$(terraform fmt -check -recursive -diff deploy/terraform 2>/dev/null); then
		pass "terraform fmt -check"
	else
		fail "terraform fmt -check" "$out"
	fi
fi
if out=$(node scripts/check-deploy-files.mjs 2>&1); then
	pass "$out"
else
	fail "deployment files" "$out"
fi
if command -v kubectl >/dev/null 2>&1; then
	for overlay in deploy/k8s/base deploy/k8s/overlays/eks; do
		if out=$(kubectl kustomize "$overlay" 2>&1 >/dev/null); then
			pass "kubectl kustomize $overlay"
		else
			fail "kubectl kustomize $overlay" "$out"
		fi
	done
fi

# --- 3. deploy.sh and undeploy.sh against stand-ins ------------------------------------------------------------
BIN=$WORK/bin
mkdir -p "$BIN"
cp scripts/deploy-stubs/* "$BIN/"
# a copy of what the scripts use, so that their run/ output never touches an operator's own (run/k8s-eks is what
# undeploy.sh deletes a real EKS deployment's objects with)
COPY=$WORK/repo
mkdir -p "$COPY/config"
cp -R deploy.sh undeploy.sh deploy "$COPY/"
cp config/quickstart-config.yaml config/default-config-*.yaml "$COPY/config/"
rm -rf "$COPY/deploy/terraform"/*/.terraform
cd "$COPY"
REAL_KUBECTL=$(command -v kubectl || true)
SECRET_VALUE="sk-openai-sample-0123456789"
MASTER_VALUE="sk-master-sample-0123456789"

sample_env() {
	cat <<EOF
# a .env as the original's template has it, plus this deployment's own
AWS_REGION="us-east-1"
TERRAFORM_S3_BUCKET_NAME="llmgw-terraform-state-sample" #Must be globally unique
DEPLOYMENT_PLATFORM="$1"
CERTIFICATE_ARN="arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab"
USE_ROUTE53="true"
HOSTED_ZONE_NAME="example.com"
RECORD_NAME="llm.example.com"
OPENAI_API_KEY="$SECRET_VALUE"
ANTHROPIC_API_KEY="placeholder"
GEMINI_API_KEY=""
LITELLM_MASTER_KEY='$MASTER_VALUE'
OKTA_ISSUER="https://example.okta.com/oauth2/default"
DESIRED_CAPACITY="2"
MIN_CAPACITY="2"
MAX_CAPACITY="4"
CPU_ARCHITECTURE="x86"
PUBLIC_LOAD_BALANCER="true"
EOF
}

# runs a script with the stand-ins first on PATH; sets RC, OUT (stdout and stderr) and CALLS (the recorded calls)
run_stubbed() {
	local log=$WORK/log-$RANDOM
	mkdir -p "$log"
	: >"$log/calls"
	set +e
	OUT=$(env -u AWS_REGION PATH="$BIN:$PATH" STUB_LOG="$log/calls" "$@" 2>&1 </dev/null)
	RC=$?
	set -e
	CALLS=$(cat "$log/calls")
	LOGDIR=$log
}

# each pattern must match a recorded call after the previous one matched
assert_order() {
	local name=$1
	shift
	local calls=$CALLS pattern line rest found
	for pattern in "$@"; do
		found=0
		rest=""
		while IFS= read -r line; do
			if ((found)); then
				rest+="$line"$'\n'
			elif [[ $line =~ $pattern ]]; then
				found=1
			fi
		done <<<"$calls"
		if ((!found)); then
			fail "$name: no call matching \"$pattern\" where expected" "$CALLS"
			return
		fi
		calls=$rest
	done
	pass "$name: ${#@} steps in order"
}

refute_calls() {
	local name=$1 pattern=$2
	if grep -Eq -- "$pattern" <<<"$CALLS"; then
		fail "$name: unexpected call matching \"$pattern\"" "$(grep -E -- "$pattern" <<<"$CALLS")"
	else
		pass "$name: no call matching \"$pattern\""
	fi
}

assert_output() {
	local name=$1 text=$2
	if grep -qF -- "$text" <<<"$OUT"; then
		pass "$name: prints \"$text\""
	else
		fail "$name: does not print \"$text\"" "$OUT"
	fi
}

# the variable file a stubbed run gave a stack satisfies a JavaScript condition on `v`
assert_tfvars() {
	local name=$1 file=$LOGDIR/$2 condition=$3
	if [ -f "$file" ] && node -e "const v=JSON.parse(require('fs').readFileSync('$file')); process.exit(($condition) ? 0 : 1)"; then
		pass "$name"
	else
		fail "$name: $2 fails $condition" "$(cat "$file" 2>/dev/null || echo "no $2")"
	fi
}

# runs deploy.sh with the sample .env of $1 (ECS or EKS) plus the KEY="value" lines of $2, which win
run_with() {
	local target=$1 extra=$2
	shift 2
	sample_env "$target" >"$WORK/with.env"
	printf '%s\n' "$extra" >>"$WORK/with.env"
	run_stubbed ./deploy.sh "$@" --env-file "$WORK/with.env" --config config/quickstart-config.yaml
}

# a refused .env: exit 2, no command run, the message names the variable
assert_refused() {
	local name=$1 expected=$2
	if ((RC == 2)) && [ -z "$CALLS" ] && grep -qF -- "$expected" <<<"$OUT"; then
		pass "$name: refused, naming \"${expected%%:*}\""
	else
		fail "$name (exit $RC, calls: ${CALLS:-none}; expected \"$expected\")" "$OUT"
	fi
}

sample_env ECS >"$WORK/ecs.env"
sample_env EKS >"$WORK/eks.env"

# --plan: reads, plans, changes nothing
run_stubbed ./deploy.sh --plan --env-file "$WORK/ecs.env" --config config/quickstart-config.yaml
if ((RC == 0)); then pass "deploy.sh --plan exits 0"; else fail "deploy.sh --plan exits $RC" "$OUT"; fi
assert_order "deploy.sh --plan (ECS)" '^aws sts get-caller-identity' '^aws s3api head-bucket --bucket llmgw-terraform-state-sample' \
	'^terraform -chdir=deploy/terraform/base init .*-backend-config=bucket=llmgw-terraform-state-sample .*key=llmgw/base.tfstate' \
	'^terraform -chdir=deploy/terraform/base plan ' \
	'^terraform -chdir=deploy/terraform/ecs init .*key=llmgw/ecs.tfstate' '^terraform -chdir=deploy/terraform/ecs plan '
refute_calls "deploy.sh --plan" '^docker |apply|^aws s3 cp|create-bucket|destroy'
steps=$(grep -E '^==> ' <<<"$OUT" | sed 's/^==> [0-9]*\. //; s/ *[:(].*//' | tr '\n' '|')
expected="AWS account|Terraform state bucket s3|Build the images|Base stack|Push the images to ECR|Upload config/quickstart-config.yaml to s3|ECS stack|Done|"
if [ "$steps" = "$expected" ]; then pass "deploy.sh --plan prints its steps in order"; else fail "deploy.sh --plan steps" "$steps"; fi
assert_output "deploy.sh --plan" '$ docker build --platform linux/amd64 -f docker/gateway-service.Dockerfile'
assert_output "deploy.sh --plan" 'Nothing was changed.'

# a new state bucket: --plan says it would be created and plans nothing it cannot compare with
STUB_NO_STATE_BUCKET=1 run_stubbed ./deploy.sh --plan --env-file "$WORK/ecs.env" --config config/quickstart-config.yaml
if ((RC == 0)) && grep -q 'every resource would be created' <<<"$OUT" && ! grep -Eq '^terraform .* (init|plan|apply) ' <<<"$CALLS"; then
	pass "deploy.sh --plan with no state bucket yet: nothing to plan against, says so"
else
	fail "deploy.sh --plan with no state bucket" "$OUT"
fi

# a full ECS deployment
run_stubbed ./deploy.sh --env-file "$WORK/ecs.env" --config config/quickstart-config.yaml
if ((RC == 0)); then pass "deploy.sh (ECS) exits 0"; else fail "deploy.sh (ECS) exits $RC" "$OUT"; fi
assert_order "deploy.sh (ECS)" '^aws sts get-caller-identity' '^aws s3api head-bucket' \
	'^docker build --platform linux/amd64 -f docker/gateway-service.Dockerfile -t gateway-service:' \
	'^docker build .* -f docker/middleware-service.Dockerfile' '^docker build .* -f docker/fake-llm-server.Dockerfile' \
	'^terraform -chdir=deploy/terraform/base init' '^terraform -chdir=deploy/terraform/base apply -input=false -auto-approve -var-file=' \
	'^terraform -chdir=deploy/terraform/base output -raw gateway_repository_url' \
	'^docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com' \
	'^docker tag gateway-service:[^ ]+ 123456789012.dkr.ecr.us-east-1.amazonaws.com/llmgw/gateway-service:' \
	'^docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/llmgw/gateway-service:' \
	'^docker push .*/llmgw/middleware-service:' \
	'^aws s3 cp config/quickstart-config.yaml s3://llmgw-config-20260101/config.yaml' \
	'^terraform -chdir=deploy/terraform/ecs init' '^terraform -chdir=deploy/terraform/ecs apply -input=false -auto-approve' \
	'^terraform -chdir=deploy/terraform/ecs output -raw base_url' '^terraform -chdir=deploy/terraform/base output -raw master_key_secret_arn'
# the two ends of a pipe start together: only that both come after the repositories exist
assert_order "deploy.sh (ECS) ECR login" '^terraform -chdir=deploy/terraform/base output -raw gateway_repository_url' \
	'^aws ecr get-login-password --region us-east-1'
refute_calls "deploy.sh (ECS): secrets stay off command lines" "$SECRET_VALUE|$MASTER_VALUE"
assert_output "deploy.sh (ECS)" "The gateway is at https://llmgw-123.us-east-1.elb.amazonaws.com"
assert_output "deploy.sh (ECS)" "aws secretsmanager get-secret-value --region us-east-1 --secret-id arn:aws:secretsmanager:us-east-1:123456789012:secret:llmgw/litellm-master-key-AbCdEf"
if grep -q "\"OPENAI_API_KEY\": \"$SECRET_VALUE\"" "$LOGDIR/base.tfvars.json" && grep -q '"ANTHROPIC_API_KEY": "placeholder"' "$LOGDIR/base.tfvars.json" &&
	! grep -q GEMINI_API_KEY "$LOGDIR/base.tfvars.json" && node -e "JSON.parse(require('fs').readFileSync('$LOGDIR/base.tfvars.json'))" &&
	node -e "const v=JSON.parse(require('fs').readFileSync('$LOGDIR/ecs.tfvars.json')); if (v.certificate_arn.indexOf('arn:aws:acm')!==0 || v.environment.OKTA_ISSUER!=='https://example.okta.com/oauth2/default' || !/gateway-service:/.test(v.gateway_image)) process.exit(1)"; then
	pass "deploy.sh (ECS): provider keys reach the base stack's secret (empty ones left out), settings the ECS stack"
else
	fail "deploy.sh (ECS): variable files" "$(cat "$LOGDIR"/*.tfvars.json)"
fi

# CloudFront (on by default, as in the original) and the fake LLM endpoint reach the ECS stack as the .env says
assert_tfvars "deploy.sh (ECS): USE_CLOUDFRONT defaults to true, with the original's price class, USE_ROUTE53 and RECORD_NAME" ecs.tfvars.json \
	'v.use_cloudfront === true && v.cloudfront_price_class === "PriceClass_100" && v.use_route53 === true && v.record_name === "llm.example.com" && v.cloudfront_origin_read_timeout === 60 && v.cloudfront_certificate_arn === ""'
assert_tfvars "deploy.sh (ECS): no fake LLM endpoint unless asked for, though its image is named" ecs.tfvars.json \
	'v.fake_llm_load_testing_endpoint_record_name === "" && v.fake_llm_load_testing_endpoint_certificate_arn === "" && /llmgw\/fake-llm-server:/.test(v.fake_llm_image)'
if ! grep -q 'fake LLM load-testing endpoint is at' <<<"$OUT" && ! grep -q 'CloudFront reaches the load balancer over HTTP' <<<"$OUT"; then
	pass "deploy.sh (ECS) with RECORD_NAME and a us-east-1 certificate: no fake endpoint, no HTTP-origin warning"
else
	fail "deploy.sh (ECS): unexpected fake endpoint or HTTP-origin warning" "$OUT"
fi
# no config.yaml: the built-in catalog (base + the region's Bedrock models), uploaded beside a config.yaml including it
run_stubbed ./deploy.sh --env-file "$WORK/ecs.env"
if ((RC == 0)); then pass "deploy.sh (ECS) with no config.yaml exits 0"; else fail "deploy.sh (ECS) with no config.yaml exits $RC" "$OUT"; fi
assert_order "deploy.sh (ECS) with no config.yaml" '^aws s3 cp [^ ]+/config.yaml s3://llmgw-config-20260101/config.yaml' \
	'^aws s3 cp config/default-config-base.yaml s3://llmgw-config-20260101/default-config-base.yaml' \
	'^aws s3 cp config/default-config-us-east-1.yaml s3://llmgw-config-20260101/default-config-us-east-1.yaml' \
	'^terraform -chdir=deploy/terraform/ecs apply'
assert_output "deploy.sh (ECS) with no config.yaml" "Upload the built-in catalog (default-config-base.yaml default-config-us-east-1.yaml)"
# an operator's config.yaml including the catalog and a file of its own: each included file goes beside it
mkdir -p config/own
printf 'include:\n  - default-config-base.yaml\n  - own/models.yaml # mine\nmodel_list: []\n' >config/with-includes.yaml
echo 'model_list: []' >config/own/models.yaml
run_stubbed ./deploy.sh --env-file "$WORK/ecs.env" --config config/with-includes.yaml
assert_order "deploy.sh (ECS) with includes" '^aws s3 cp config/with-includes.yaml s3://llmgw-config-20260101/config.yaml' \
	'^aws s3 cp config/default-config-base.yaml s3://llmgw-config-20260101/default-config-base.yaml' \
	'^aws s3 cp config/own/models.yaml s3://llmgw-config-20260101/own/models.yaml'
printf 'include: [missing.yaml]\n' >config/bad-include.yaml
run_stubbed ./deploy.sh --env-file "$WORK/ecs.env" --config config/bad-include.yaml
assert_refused "deploy.sh with an included file that is not there" "config: config/bad-include.yaml includes missing.yaml, not found in config"

FAKE_ENV='FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN="arn:aws:acm:us-east-1:123456789012:certificate/fake-0000"
FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME="example.com"
FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME="fake-llm.example.com"
CLOUDFRONT_PRICE_CLASS="PriceClass_200"
CLOUDFRONT_ORIGIN_READ_TIMEOUT="45"'
run_with ECS "$FAKE_ENV" --plan
if ((RC == 0)); then pass "deploy.sh --plan with the fake LLM endpoint exits 0"; else fail "deploy.sh --plan with the fake LLM endpoint exits $RC" "$OUT"; fi
assert_tfvars "deploy.sh --plan: the fake endpoint's three variables, the price class and the timeout reach the ECS plan" ecs.tfvars.json \
	'v.fake_llm_load_testing_endpoint_certificate_arn === "arn:aws:acm:us-east-1:123456789012:certificate/fake-0000" && v.fake_llm_load_testing_endpoint_hosted_zone_name === "example.com" && v.fake_llm_load_testing_endpoint_record_name === "fake-llm.example.com" && v.cloudfront_price_class === "PriceClass_200" && v.cloudfront_origin_read_timeout === 45'
STUB_FAKE_LLM_BASE_URL=https://fake-llm.example.com run_with ECS "$FAKE_ENV"
assert_output "deploy.sh (ECS) with the fake LLM endpoint" "The fake LLM load-testing endpoint is at https://fake-llm.example.com"
run_with ECS 'USE_CLOUDFRONT="false"'
assert_tfvars "deploy.sh (ECS) with USE_CLOUDFRONT=false: the load balancer alone" ecs.tfvars.json 'v.use_cloudfront === false'
# CloudFront on its own name: no certificate needed, but the hop to the load balancer is plain HTTP, and said so
run_with ECS 'CERTIFICATE_ARN=""
RECORD_NAME=""
USE_ROUTE53="false"
HOSTED_ZONE_NAME=""' --plan
if ((RC == 0)) && grep -q 'CloudFront reaches the load balancer over HTTP' <<<"$OUT"; then
	pass "deploy.sh --plan: CloudFront without RECORD_NAME needs no certificate and warns of the HTTP hop"
else
	fail "deploy.sh --plan: CloudFront without RECORD_NAME (exit $RC)" "$OUT"
fi
assert_tfvars "deploy.sh --plan: CloudFront without RECORD_NAME or certificate" ecs.tfvars.json \
	'v.use_cloudfront === true && v.certificate_arn === "" && v.record_name === "" && v.use_route53 === false'
# RECORD_NAME with USE_ROUTE53=false: DNS kept elsewhere, deploy.sh says where to point it
run_with ECS 'USE_ROUTE53="false"
HOSTED_ZONE_NAME=""'
assert_output "deploy.sh (ECS) with USE_ROUTE53=false" "point llm.example.com at d111111abcdef8.cloudfront.net in your DNS"
assert_tfvars "deploy.sh (ECS) with USE_ROUTE53=false: no Route 53 record asked for" ecs.tfvars.json 'v.use_route53 === false && v.record_name === "llm.example.com"'

# the logging callbacks: no keys, none added; the log bucket keeps a year of logs
CONFIG_BEFORE=$(cksum <config/quickstart-config.yaml)
run_with ECS '' --plan
assert_tfvars "deploy.sh --plan: LOG_BUCKET_RETENTION_DAYS defaults to 365 days" base.tfvars.json 'v.log_bucket_retention_days === 365'
assert_tfvars "deploy.sh --plan without LangSmith or Langfuse keys: no EXTRA_SUCCESS_CALLBACKS" ecs.tfvars.json 'v.extra_success_callbacks === ""'
assert_output "deploy.sh --plan without callback keys" "the gateway adds none to success_callback"
assert_output "deploy.sh --plan" 'the s3 callback (success_callback: ["s3"] in config.yaml) logs to the log bucket LOG_BUCKET_NAME=llmgw-logs-20260101'
# every key set: langsmith (key, project and run name, as the original) and langfuse (both keys) are added, the
# secrets join the provider keys, the plain settings reach the containers
CALLBACK_SECRET="ls-sample-secret-0123456789"
HEADERS_SECRET="hook-sample-secret-0123456789"
CALLBACKS_ENV="LANGSMITH_API_KEY=\"$CALLBACK_SECRET\"
LANGSMITH_PROJECT=\"gateway\"
LANGSMITH_DEFAULT_RUN_NAME=\"LLMRun\"
LANGSMITH_BASE_URL=\"https://eu.api.smith.langchain.com\"
LANGFUSE_PUBLIC_KEY=\"pk-lf-sample\"
LANGFUSE_SECRET_KEY=\"sk-lf-sample-0123456789\"
LANGFUSE_HOST=\"https://langfuse.example.com\"
GENERIC_LOGGER_ENDPOINT=\"https://collector.example.com/logs\"
GENERIC_LOGGER_HEADERS=\"Authorization=Bearer $HEADERS_SECRET,X-Source=gateway\"
LOG_BUCKET_RETENTION_DAYS=\"30\""
run_with ECS "$CALLBACKS_ENV" --plan
if ((RC == 0)); then pass "deploy.sh --plan with the logging callbacks' keys exits 0"; else fail "deploy.sh --plan with the logging callbacks' keys exits $RC" "$OUT"; fi
assert_tfvars "deploy.sh --plan with LangSmith's and Langfuse's keys: EXTRA_SUCCESS_CALLBACKS is langsmith,langfuse" ecs.tfvars.json \
	'v.extra_success_callbacks === "langsmith,langfuse"'
assert_tfvars "deploy.sh --plan: the callbacks' plain settings reach the containers, their secrets do not" ecs.tfvars.json \
	'v.environment.LANGSMITH_PROJECT === "gateway" && v.environment.LANGSMITH_DEFAULT_RUN_NAME === "LLMRun" && v.environment.LANGSMITH_BASE_URL === "https://eu.api.smith.langchain.com" && v.environment.LANGFUSE_HOST === "https://langfuse.example.com" && v.environment.GENERIC_LOGGER_ENDPOINT === "https://collector.example.com/logs" && !Object.keys(v.environment).some((k) => /KEY|HEADERS/.test(k))'
assert_tfvars "deploy.sh --plan: the callbacks' secrets join the provider keys, LOG_BUCKET_RETENTION_DAYS reaches the base stack" base.tfvars.json \
	'["LANGSMITH_API_KEY", "LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"].every((k) => v.provider_api_keys[k]) && /^Authorization=Bearer .*,X-Source=gateway$/.test(v.provider_api_keys.GENERIC_LOGGER_HEADERS) && v.log_bucket_retention_days === 30'
refute_calls "deploy.sh --plan with the logging callbacks' keys: secrets stay off command lines" "$CALLBACK_SECRET|$HEADERS_SECRET"
assert_output "deploy.sh --plan with the logging callbacks' keys" "the gateway adds langsmith, langfuse to success_callback (EXTRA_SUCCESS_CALLBACKS"
if [ "$(cksum <config/quickstart-config.yaml)" = "$CONFIG_BEFORE" ]; then
	pass "deploy.sh leaves config.yaml as it is (the gateway reads EXTRA_SUCCESS_CALLBACKS and LOG_BUCKET_NAME)"
else
	fail "deploy.sh edited config/quickstart-config.yaml"
fi
# langsmith needs its project and run name too (as in the original), langfuse both keys; 0 days keeps logs forever
run_with ECS 'LANGSMITH_API_KEY="ls-sample"
LANGSMITH_PROJECT="gateway"
LANGFUSE_PUBLIC_KEY="pk-lf-sample"
LOG_BUCKET_RETENTION_DAYS="0"' --plan
assert_tfvars "deploy.sh --plan with LangSmith's key but no run name, Langfuse's public key alone: no callback added" ecs.tfvars.json 'v.extra_success_callbacks === ""'
assert_tfvars "deploy.sh --plan with LOG_BUCKET_RETENTION_DAYS=0: logs kept forever" base.tfvars.json 'v.log_bucket_retention_days === 0'
run_with ECS 'LANGFUSE_PUBLIC_KEY="pk-lf-sample"
LANGFUSE_SECRET_KEY="sk-lf-sample"' --plan
assert_tfvars "deploy.sh --plan with Langfuse's two keys alone: EXTRA_SUCCESS_CALLBACKS is langfuse" ecs.tfvars.json 'v.extra_success_callbacks === "langfuse"'

# refused before any command, naming the variable
run_with ECS 'CLOUDFRONT_PRICE_CLASS="PriceClass_50"' --plan
assert_refused "a bad CLOUDFRONT_PRICE_CLASS" 'CLOUDFRONT_PRICE_CLASS: expected PriceClass_100, PriceClass_200 or PriceClass_All, got "PriceClass_50"'
run_with ECS 'CLOUDFRONT_ORIGIN_READ_TIMEOUT="600"' --plan
assert_refused "a CLOUDFRONT_ORIGIN_READ_TIMEOUT above CloudFront's maximum" 'CLOUDFRONT_ORIGIN_READ_TIMEOUT: expected 1 to 180, got 600'
run_with ECS 'FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME="fake-llm.example.com"' --plan
assert_refused "a partly set fake LLM endpoint (certificate missing)" 'FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN: required with FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME'
assert_refused "a partly set fake LLM endpoint (zone missing)" 'FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME: required with FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME'
run_with ECS 'FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN="arn:aws:acm:us-east-1:123456789012:certificate/fake-0000"
FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME="example.com"' --plan
assert_refused "a partly set fake LLM endpoint (record missing)" 'FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME: required with FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME'
run_with ECS 'CERTIFICATE_ARN="arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab"' --plan
assert_refused "CloudFront on RECORD_NAME with a certificate outside us-east-1" 'CLOUDFRONT_CERTIFICATE_ARN: required with USE_CLOUDFRONT and RECORD_NAME'
run_with ECS 'CLOUDFRONT_CERTIFICATE_ARN="arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c"' --plan
assert_refused "a CLOUDFRONT_CERTIFICATE_ARN outside us-east-1" 'CLOUDFRONT_CERTIFICATE_ARN: CloudFront takes certificates from us-east-1 only'
run_with ECS 'PUBLIC_LOAD_BALANCER="false"' --plan
assert_refused "CloudFront with an internal load balancer" 'USE_CLOUDFRONT: CloudFront reaches only an internet-facing load balancer'
run_with ECS 'USE_CLOUDFRONT="false"
CERTIFICATE_ARN=""' --plan
assert_refused "no certificate without CloudFront" 'CERTIFICATE_ARN: required'
run_with ECS 'USE_ROUTE53="false"' --plan
assert_refused "HOSTED_ZONE_NAME without USE_ROUTE53 (a record made earlier would be deleted)" 'HOSTED_ZONE_NAME: set, but USE_ROUTE53 is false'
run_with ECS 'HOSTED_ZONE_NAME=""' --plan
assert_refused "USE_ROUTE53 without a zone" 'HOSTED_ZONE_NAME: required with USE_ROUTE53=true'
run_with ECS 'LOG_BUCKET_RETENTION_DAYS="-1"' --plan
assert_refused "a negative LOG_BUCKET_RETENTION_DAYS" 'LOG_BUCKET_RETENTION_DAYS: expected a whole number, got "-1"'
run_with ECS 'LOG_BUCKET_RETENTION_DAYS="a year"' --plan
assert_refused "a LOG_BUCKET_RETENTION_DAYS that is no number" 'LOG_BUCKET_RETENTION_DAYS: expected a whole number, got "a year"'

# a full EKS deployment: the cluster and CloudFront's origin protection, then the manifests, then CloudFront and DNS
# for the ingress's load balancer (USE_CLOUDFRONT is on by default, as on ECS)
run_stubbed ./deploy.sh --env-file "$WORK/eks.env" --config config/quickstart-config.yaml
if ((RC == 0)); then pass "deploy.sh (EKS) exits 0"; else fail "deploy.sh (EKS) exits $RC" "$OUT"; fi
assert_order "deploy.sh (EKS)" '^docker build' '^terraform -chdir=deploy/terraform/base apply' '^docker push' '^aws s3 cp' \
	'^terraform -chdir=deploy/terraform/eks init .*key=llmgw/eks.tfstate' '^terraform -chdir=deploy/terraform/eks output -raw ingress_hostname' \
	'^terraform -chdir=deploy/terraform/eks apply' '^terraform -chdir=deploy/terraform/eks output -raw origin_web_acl_arn' \
	'^terraform -chdir=deploy/terraform/eks output -raw origin_security_group_id' \
	'^aws eks update-kubeconfig --name llmgw --region us-east-1' '^kubectl apply -k run/k8s-eks' \
	'^kubectl -n llmgw delete ingress,service,deployment -l app.kubernetes.io/name=fake-llm-server --ignore-not-found' \
	'^kubectl -n llmgw rollout status deployment/llmgw' '^kubectl -n llmgw get ingress llmgw' \
	'^terraform -chdir=deploy/terraform/eks apply .*-var-file=' '^terraform -chdir=deploy/terraform/eks output -raw base_url'
assert_tfvars "deploy.sh (EKS): the first apply has CloudFront's origin protection made before the ingress, and no load balancer name yet" eks.tfvars.json.1 \
	'v.use_cloudfront === true && v.ingress_hostname === "" && v.fake_llm_ingress_hostname === "" && v.certificate_arn.indexOf("arn:aws:acm:us-east-1:") === 0'
assert_tfvars "deploy.sh (EKS): the second apply puts CloudFront and RECORD_NAME in front of the ingress's load balancer" eks.tfvars.json.2 \
	'v.use_cloudfront === true && v.ingress_hostname === "k8s-llmgw-llmgw-0123456789.us-east-1.elb.amazonaws.com" && v.use_route53 === true && v.record_name === "llm.example.com" && v.cloudfront_price_class === "PriceClass_100" && v.cloudfront_origin_read_timeout === 60'
if [ ! -e "$LOGDIR/eks.tfvars.json.3" ]; then pass "deploy.sh (EKS): the EKS stack is applied twice"; else fail "deploy.sh (EKS): a third EKS apply"; fi
refute_calls "deploy.sh (EKS): secrets stay off command lines" "$SECRET_VALUE|$MASTER_VALUE"
if ! grep -q 'implemented for ECS only\|deployed on ECS only' <<<"$OUT"; then
	pass "deploy.sh (EKS): no warning that CloudFront or the fake endpoint is ECS only"
else
	fail "deploy.sh (EKS): an ECS-only warning" "$OUT"
fi
if grep -q '^OPENAI_API_KEY_SECRET_ARN=arn:' run/k8s-eks/deploy.env && grep -q '^LITELLM_CONFIG_BUCKET_NAME=llmgw-config-20260101$' run/k8s-eks/deploy.env &&
	! grep -q "$SECRET_VALUE" run/k8s-eks/deploy.env run/k8s-eks/kustomization.yaml; then
	pass "deploy.sh (EKS): the ConfigMap carries secret ARNs and the bucket, never a secret"
else
	fail "deploy.sh (EKS): run/k8s-eks/deploy.env" "$(cat run/k8s-eks/deploy.env)"
fi
if grep -q '^CLOUDWATCH_METRICS_ENABLED=true$' run/k8s-eks/deploy.env &&
	grep -q '^CLOUDWATCH_METRICS_NAMESPACE=.' run/k8s-eks/deploy.env &&
	grep -q '"CLOUDWATCH_METRICS_ENABLED", value = "true"' deploy/terraform/ecs/main.tf &&
	grep -q '"cloudwatch:namespace"' deploy/terraform/base/iam.tf; then
	pass "metrics: both platforms publish to CloudWatch, the role limited to the namespace"
else
	fail "metrics: CLOUDWATCH_METRICS_* in deploy.env and the ECS task, cloudwatch:namespace in the policy" \
		"$(cat run/k8s-eks/deploy.env)"
fi
if grep -q '^LOG_BUCKET_NAME=llmgw-logs-20260101$' run/k8s-eks/deploy.env && ! grep -q '^EXTRA_SUCCESS_CALLBACKS=' run/k8s-eks/deploy.env; then
	pass "deploy.sh (EKS): the ConfigMap carries LOG_BUCKET_NAME, and no EXTRA_SUCCESS_CALLBACKS without callback keys"
else
	fail "deploy.sh (EKS): LOG_BUCKET_NAME in run/k8s-eks/deploy.env" "$(cat run/k8s-eks/deploy.env)"
fi
# the ingresses of a `kubectl kustomize run/k8s-eks`, by name, as JSON
built_ingresses() {
	"$REAL_KUBECTL" kustomize run/k8s-eks >"$WORK/built.yaml" 2>&1 || return 1
	node -e "const Y=require(process.argv[1]); const docs=Y.parseAllDocuments(require('fs').readFileSync(process.argv[2],'utf8')).map((d)=>d.toJS()); const r={}; for (const d of docs) r[d.kind+'/'+d.metadata.name]=d; console.log(JSON.stringify(r))" \
		"$TOOLS_DIR/node_modules/yaml" "$WORK/built.yaml"
}
# the objects of the built overlay satisfy a JavaScript condition on `o` ("Kind/name" to object) and `a` (the llmgw
# ingress's annotations, without their alb.ingress.kubernetes.io/ prefix)
assert_built() {
	local name=$1 condition=$2 objects
	if [ -z "$REAL_KUBECTL" ]; then return 0; fi
	if objects=$(built_ingresses) && node -e "const o=JSON.parse(process.argv[1]); const a=Object.fromEntries(Object.entries(o['Ingress/llmgw'].metadata.annotations).map(([k,v])=>[k.replace('alb.ingress.kubernetes.io/',''),v])); process.exit(($condition) ? 0 : 1)" "$objects"; then
		pass "$name"
	else
		fail "$name: kubectl kustomize run/k8s-eks fails $condition" "$(cat run/k8s-eks/kustomization.yaml; grep -A16 'kind: Ingress' "$WORK/built.yaml" 2>/dev/null)"
	fi
}
if [ -n "$REAL_KUBECTL" ]; then
	if out=$("$REAL_KUBECTL" kustomize run/k8s-eks 2>&1) && grep -q 'image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/llmgw/gateway-service:' <<<"$out" &&
		grep -q 'eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/llmgw-eks-app' <<<"$out" &&
		grep -q 'alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:' <<<"$out" &&
		grep -q 'OPENAI_API_KEY_SECRET_ARN: arn:aws:secretsmanager' <<<"$out"; then
		pass "kubectl kustomize run/k8s-eks: the generated overlay builds with the deployment's images, role, certificate, ARNs"
	else
		fail "kubectl kustomize run/k8s-eks" "$out"
	fi
fi
# one hop for chat: the load balancer sends chat to the gateway, which hands the middleware what needs it
if ! grep -q 'chat/completions' deploy/terraform/ecs/alb.tf deploy/k8s/base/ingress.yaml; then
	pass "the ECS load balancer's rules and the EKS ingress send chat to the gateway, not the middleware"
else
	fail "chat is routed to the middleware" "$(grep -n 'chat/completions' deploy/terraform/ecs/alb.tf deploy/k8s/base/ingress.yaml)"
fi
assert_built "deploy.sh (EKS): the ingress sends only the middleware's own paths to port 3000" \
	'o["Ingress/llmgw"].spec.rules[0].http.paths.filter((p)=>p.backend.service.port.number===3000).map((p)=>p.path).sort().join(",") === "/bedrock/chat-history,/bedrock/health/liveliness,/bedrock/model/,/chat-history,/key/generate,/session-ids,/user/new"'
assert_built "deploy.sh (EKS) with CloudFront: the ingress takes the origin web ACL and security group, one HTTPS listener, no redirect" \
	'a["wafv2-acl-arn"] === "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/llmgw-cloudfront-origin/0123abcd" && a["security-groups"] === "sg-0123456789abcdef0" && a["manage-backend-security-group-rules"] === "true" && a["listen-ports"] === "[{\"HTTPS\": 443}]" && !("ssl-redirect" in a) && a.scheme === "internet-facing" && !o["Ingress/fake-llm-server"]'
if ! grep -qi 'origin-verify\|origin_header' run/k8s-eks/kustomization.yaml "$WORK/built.yaml" && ! grep -qi 'origin-verify' <<<"$CALLS$OUT"; then
	pass "deploy.sh (EKS): the origin header is in no manifest, command line or output"
else
	fail "deploy.sh (EKS): the origin header is visible" "$(grep -i 'origin-verify\|origin_header' run/k8s-eks/kustomization.yaml "$WORK/built.yaml")"
fi

# EKS with the fake LLM endpoint, without CloudFront or Route 53
STUB_FAKE_LLM_BASE_URL=https://fake-llm.example.com run_with EKS 'USE_ROUTE53="false"
HOSTED_ZONE_NAME=""
USE_CLOUDFRONT="false"
'"$FAKE_ENV"
if ((RC == 0)); then pass "deploy.sh (EKS) with the fake LLM endpoint exits 0"; else fail "deploy.sh (EKS) with the fake LLM endpoint exits $RC" "$OUT"; fi
assert_order "deploy.sh (EKS) with the fake LLM endpoint" '^kubectl apply -k run/k8s-eks' '^kubectl -n llmgw rollout status deployment/llmgw' \
	'^kubectl -n llmgw get ingress llmgw' '^kubectl -n llmgw get ingress fake-llm-server' '^terraform -chdir=deploy/terraform/eks apply .*-var-file='
refute_calls "deploy.sh (EKS) with the fake LLM endpoint: it is not deleted" 'delete .*fake-llm-server|origin_web_acl_arn'
assert_tfvars "deploy.sh (EKS) with the fake LLM endpoint: its three variables and its load balancer reach the second apply" eks.tfvars.json.2 \
	'v.fake_llm_load_testing_endpoint_certificate_arn === "arn:aws:acm:us-east-1:123456789012:certificate/fake-0000" && v.fake_llm_load_testing_endpoint_hosted_zone_name === "example.com" && v.fake_llm_load_testing_endpoint_record_name === "fake-llm.example.com" && v.fake_llm_ingress_hostname === "k8s-llmgw-fakellms-0123456789.us-east-1.elb.amazonaws.com" && v.use_cloudfront === false && v.use_route53 === false'
assert_output "deploy.sh (EKS) with the fake LLM endpoint" "The fake LLM load-testing endpoint is at https://fake-llm.example.com"
assert_output "deploy.sh (EKS) with USE_ROUTE53=false" "point llm.example.com at d111111abcdef8.cloudfront.net in your DNS"
assert_built "deploy.sh (EKS) with the fake LLM endpoint: its Deployment (the pushed image), Service and own HTTPS ingress" \
	'o["Deployment/fake-llm-server"].spec.template.spec.containers[0].image.indexOf("123456789012.dkr.ecr.us-east-1.amazonaws.com/llmgw/fake-llm-server:") === 0 && o["Service/fake-llm-server"].metadata.namespace === "llmgw" && o["Ingress/fake-llm-server"].metadata.annotations["alb.ingress.kubernetes.io/certificate-arn"] === "arn:aws:acm:us-east-1:123456789012:certificate/fake-0000" && o["Ingress/fake-llm-server"].metadata.annotations["alb.ingress.kubernetes.io/scheme"] === "internet-facing" && !o["Ingress/fake-llm-server"].metadata.annotations["alb.ingress.kubernetes.io/group.name"]'
assert_built "deploy.sh (EKS) without CloudFront: the ingress serves HTTPS itself, HTTP redirected, no origin protection" \
	'a["certificate-arn"].indexOf("arn:aws:acm:") === 0 && a["ssl-redirect"] === "443" && !("wafv2-acl-arn" in a) && !("security-groups" in a) && a["listen-ports"] === "[{\"HTTP\": 80}, {\"HTTPS\": 443}]"'

# a later EKS run that turns CloudFront off: the first apply keeps what the last run made, the ingress lets go of the
# web ACL, the second apply removes CloudFront
STUB_PREVIOUS_INGRESS_HOSTNAME=k8s-llmgw-llmgw-0123456789.us-east-1.elb.amazonaws.com STUB_PREVIOUS_USE_CLOUDFRONT=true \
	STUB_PREVIOUS_FAKE_INGRESS_HOSTNAME=k8s-llmgw-fakellms-0123456789.us-east-1.elb.amazonaws.com run_with EKS 'USE_CLOUDFRONT="false"'
assert_tfvars "deploy.sh (EKS) again with USE_CLOUDFRONT=false: the first apply keeps CloudFront and the record on the known load balancer" eks.tfvars.json.1 \
	'v.use_cloudfront === true && v.ingress_hostname === "k8s-llmgw-llmgw-0123456789.us-east-1.elb.amazonaws.com" && v.fake_llm_ingress_hostname === ""'
assert_tfvars "deploy.sh (EKS) again with USE_CLOUDFRONT=false: the second apply removes CloudFront" eks.tfvars.json.2 'v.use_cloudfront === false'
assert_built "deploy.sh (EKS) again with USE_CLOUDFRONT=false: the ingress lets go of the origin web ACL" \
	'a["wafv2-acl-arn"] === "none" && !("security-groups" in a) && a["ssl-redirect"] === "443"'
assert_output "deploy.sh (EKS) again with USE_CLOUDFRONT=false" "CloudFront removed"

# CloudFront on its own name: no certificate, one HTTP listener for CloudFront, and the warning about that hop
run_with EKS 'CERTIFICATE_ARN=""
RECORD_NAME=""
USE_ROUTE53="false"
HOSTED_ZONE_NAME=""'
if ((RC == 0)) && grep -q 'CloudFront reaches the load balancer over HTTP' <<<"$OUT"; then
	pass "deploy.sh (EKS): CloudFront without RECORD_NAME needs no certificate and warns of the HTTP hop"
else
	fail "deploy.sh (EKS): CloudFront without RECORD_NAME (exit $RC)" "$OUT"
fi
assert_built "deploy.sh (EKS) with CloudFront on its own name: one HTTP listener, no certificate" \
	'a["listen-ports"] === "[{\"HTTP\": 80}]" && !("certificate-arn" in a) && !("ssl-redirect" in a) && a["security-groups"] === "sg-0123456789abcdef0"'
run_with EKS 'ENABLE_WAF="true"' --plan
assert_output "deploy.sh --plan (EKS) with ENABLE_WAF" "ENABLE_WAF is implemented for ECS only"
run_with EKS 'PUBLIC_LOAD_BALANCER="false"' --plan
assert_refused "EKS: CloudFront with an internal load balancer" 'USE_CLOUDFRONT: CloudFront reaches only an internet-facing load balancer'
run_with EKS 'USE_CLOUDFRONT="false"
CERTIFICATE_ARN=""' --plan
assert_refused "EKS: no certificate without CloudFront" 'CERTIFICATE_ARN: required'
run_with EKS 'CERTIFICATE_ARN="arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab"' --plan
assert_refused "EKS: CloudFront on RECORD_NAME with a certificate outside us-east-1" 'CLOUDFRONT_CERTIFICATE_ARN: required with USE_CLOUDFRONT and RECORD_NAME'

# EKS with the logging callbacks' keys: the ConfigMap both containers read carries the callbacks, the bucket and
# the plain settings, never a secret
run_with EKS "$CALLBACKS_ENV" --plan
if ((RC == 0)) && grep -q '^EXTRA_SUCCESS_CALLBACKS=langsmith,langfuse$' run/k8s-eks/deploy.env &&
	grep -q '^LOG_BUCKET_NAME=llmgw-logs-20260101$' run/k8s-eks/deploy.env &&
	grep -q '^LANGSMITH_BASE_URL=https://eu.api.smith.langchain.com$' run/k8s-eks/deploy.env &&
	grep -q '^GENERIC_LOGGER_ENDPOINT=https://collector.example.com/logs$' run/k8s-eks/deploy.env &&
	! grep -q "GENERIC_LOGGER_HEADERS\|$CALLBACK_SECRET\|$HEADERS_SECRET" run/k8s-eks/deploy.env run/k8s-eks/kustomization.yaml; then
	pass "deploy.sh --plan (EKS) with the logging callbacks' keys: deploy.env has EXTRA_SUCCESS_CALLBACKS, LOG_BUCKET_NAME and the plain settings, no secret"
else
	fail "deploy.sh --plan (EKS) with the logging callbacks' keys (exit $RC)" "$(cat run/k8s-eks/deploy.env 2>/dev/null; echo "$OUT")"
fi
assert_tfvars "deploy.sh --plan (EKS): LOG_BUCKET_RETENTION_DAYS reaches the base stack" base.tfvars.json 'v.log_bucket_retention_days === 30'
if [ -n "$REAL_KUBECTL" ]; then
	if out=$("$REAL_KUBECTL" kustomize run/k8s-eks 2>&1) && grep -q 'EXTRA_SUCCESS_CALLBACKS: langsmith,langfuse' <<<"$out" &&
		grep -q 'LOG_BUCKET_NAME: llmgw-logs-20260101' <<<"$out"; then
		pass "kubectl kustomize run/k8s-eks: the llmgw-env ConfigMap carries EXTRA_SUCCESS_CALLBACKS and LOG_BUCKET_NAME"
	else
		fail "kubectl kustomize run/k8s-eks with the logging callbacks" "$out"
	fi
fi

# undeploy: the target before the base, Kubernetes objects before the cluster
run_stubbed ./undeploy.sh --yes --env-file "$WORK/eks.env"
if ((RC == 0)); then pass "undeploy.sh (EKS) exits 0"; else fail "undeploy.sh (EKS) exits $RC" "$OUT"; fi
assert_order "undeploy.sh (EKS)" '^kubectl delete -k run/k8s-eks' '^terraform -chdir=deploy/terraform/eks init' \
	'^terraform -chdir=deploy/terraform/eks destroy' '^terraform -chdir=deploy/terraform/base init' '^terraform -chdir=deploy/terraform/base destroy'
run_stubbed ./undeploy.sh --plan --env-file "$WORK/ecs.env"
assert_order "undeploy.sh --plan (ECS)" '^terraform -chdir=deploy/terraform/ecs plan -destroy' '^terraform -chdir=deploy/terraform/base plan -destroy'
refute_calls "undeploy.sh --plan" ' destroy -input|^kubectl'

# a bad .env: every problem named, nothing run
cat >"$WORK/bad.env" <<'EOF'
TERRAFORM_S3_BUCKET_NAME=""
DEPLOYMENT_PLATFORM="ECX"
DESIRED_CAPACITY="two"
MIN_CAPACITY="3"
MAX_CAPACITY="2"
PUBLIC_LOAD_BALANCER="yes"
ECS_VCPUS="3"
CPU_ARCHITECTURE="sparc"
EXISTING_VPC_ID="my-vpc"
RECORD_NAME="llm.example.com"
USE_ROUTE53="true"
CERTIFICATE_ARN="not-an-arn"
OKTA_ISSUER="http://insecure.example.com"
AWS_REGION="us-east-1"
this line is not a setting
EOF
run_stubbed ./deploy.sh --env-file "$WORK/bad.env" --config config/quickstart-config.yaml
missing=()
for expected in "TERRAFORM_S3_BUCKET_NAME: required" 'DEPLOYMENT_PLATFORM: expected ECS or EKS, got "ECX"' \
	'DESIRED_CAPACITY: expected a whole number, got "two"' 'PUBLIC_LOAD_BALANCER: expected true or false, got "yes"' \
	'ECS_VCPUS: expected 1, 2, 4, 8 or 16, got "3"' 'CPU_ARCHITECTURE: expected x86, arm or empty' \
	'EXISTING_VPC_ID: not a VPC id: "my-vpc"' 'HOSTED_ZONE_NAME: required with USE_ROUTE53=true' \
	'CERTIFICATE_ARN: not an ACM certificate ARN: "not-an-arn"' 'OKTA_ISSUER: expected an https:// issuer URL' \
	'line 15: not a KEY=value line'; do
	grep -qF -- "$expected" <<<"$OUT" || missing+=("$expected")
done
if ((RC == 2)) && ((${#missing[@]} == 0)) && [ -z "$CALLS" ]; then
	pass "deploy.sh with a bad .env: exit 2 before any command, all 11 problems named"
else
	fail "deploy.sh with a bad .env (exit $RC; missing: ${missing[*]:-none}; calls: ${CALLS:-none})" "$OUT"
fi
grep 'DESIRED_CAPACITY' "$WORK/ecs.env" | sed 's/2/5/' >"$WORK/capacity.env"
cat "$WORK/ecs.env" "$WORK/capacity.env" >"$WORK/capacity-full.env"
run_stubbed ./deploy.sh --plan --env-file "$WORK/capacity-full.env" --config config/quickstart-config.yaml
if ((RC == 2)) && grep -qF 'DESIRED_CAPACITY: must lie between MIN_CAPACITY (2) and MAX_CAPACITY (4), got 5' <<<"$OUT"; then
	pass "deploy.sh: DESIRED_CAPACITY outside MIN..MAX is refused"
else
	fail "deploy.sh: DESIRED_CAPACITY outside MIN..MAX" "$OUT"
fi
run_stubbed ./deploy.sh --plan --env-file "$WORK/ecs.env" --config config/absent.yaml
if ((RC == 2)) && grep -qF 'config: config/absent.yaml not found' <<<"$OUT"; then
	pass "deploy.sh: a missing config.yaml is named"
else
	fail "deploy.sh: a missing config.yaml" "$OUT"
fi
run_stubbed ./deploy.sh --plan --env-file "$WORK/absent.env"
if ((RC == 2)) && grep -qF 'not found. Copy .env.template to .env' <<<"$OUT"; then
	pass "deploy.sh: a missing .env says where to start"
else
	fail "deploy.sh: a missing .env" "$OUT"
fi
# every variable the scripts read is documented in .env.template, and the original's all still are
ORIGINAL_ENV=$ROOT/../shared/data/original-config/env.template
[ -f "$ORIGINAL_ENV" ] || fail "the original's env.template is missing: shared/ must sit beside the repository"
# shellcheck disable=SC2016 # expanded by the inner bash
for name in $(sed -n 's/^\t"\([A-Z0-9_]*\)=.*/\1/p' deploy/lib.sh) $(sed -n 's/^\([A-Z0-9_]*\)=.*/\1/p' "$ORIGINAL_ENV" 2>/dev/null) \
	$(bash -c 'source deploy/lib.sh && echo "${SECRET_KEYS[*]} ${PLAIN_KEYS[*]}"'); do
	grep -q "^$name=" "$ROOT/.env.template" || missing+=("$name")
done
if ((${#missing[@]} == 0)); then
	pass ".env.template documents every variable (the original's, the secret and the plain ones included)"
else
	fail ".env.template lacks ${missing[*]}"
fi

echo "$PASSED passed, $FAILED failed"
((FAILED == 0))

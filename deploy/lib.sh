# Shared by deploy.sh and undeploy.sh: reading and checking .env, running or planning commands.
# shellcheck shell=bash

# Every variable the deployment reads from .env, with its default. The names and meanings are the original
# project's (see .env.template); the few new ones are marked there.
ENV_DEFAULTS=(
	"AWS_REGION="
	"DEPLOYMENT_NAME=llmgw"
	"DEPLOYMENT_PLATFORM=ECS"
	"TERRAFORM_S3_BUCKET_NAME="
	"LITELLM_VERSION="
	"BUILD_FROM_SOURCE=false"
	"HOSTED_ZONE_NAME="
	"CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC=false"
	"RECORD_NAME="
	"CERTIFICATE_ARN="
	"OKTA_ISSUER="
	"OKTA_AUDIENCE=api://default"
	"OKTA_CLIENT_ID="
	"PROXY_BASE_URL="
	"ALLOWED_EMAIL_DOMAINS="
	"PROXY_ADMIN_ID="
	"UI_USERNAME=admin"
	"LITELLM_MASTER_KEY="
	"LITELLM_SALT_KEY="
	"DATABASE_MIDDLEWARE_URL="
	"LANGSMITH_PROJECT="
	"LANGSMITH_DEFAULT_RUN_NAME="
	"LANGSMITH_BASE_URL="
	"LANGFUSE_HOST="
	"GENERIC_LOGGER_ENDPOINT="
	"LOG_BUCKET_RETENTION_DAYS=365"
	"EXISTING_VPC_ID="
	"EXISTING_EKS_CLUSTER_NAME="
	"DISABLE_OUTBOUND_NETWORK_ACCESS=false"
	"CREATE_VPC_ENDPOINTS_IN_EXISTING_VPC=false"
	"INSTALL_ADD_ONS_IN_EXISTING_EKS_CLUSTER=false"
	"DESIRED_CAPACITY=2"
	"MIN_CAPACITY=2"
	"MAX_CAPACITY=4"
	"ECS_CPU_TARGET_UTILIZATION_PERCENTAGE=50"
	"ECS_MEMORY_TARGET_UTILIZATION_PERCENTAGE=40"
	"ECS_REQUESTS_PER_TARGET=3000"
	"ECS_VCPUS=2"
	"EKS_ARM_INSTANCE_TYPE=t4g.medium"
	"EKS_X86_INSTANCE_TYPE=t3.medium"
	"EKS_ARM_AMI_TYPE=AL2023_ARM_64_STANDARD"
	"EKS_X86_AMI_TYPE=AL2023_x86_64_STANDARD"
	"EKS_KUBERNETES_VERSION=1.33"
	"CPU_ARCHITECTURE="
	"PUBLIC_LOAD_BALANCER=true"
	"ENABLE_WAF=false"
	"RDS_INSTANCE_CLASS=db.t3.small"
	"RDS_ALLOCATED_STORAGE_GB=20"
	"RDS_MULTI_AZ=false"
	"REDIS_NODE_TYPE=cache.t3.micro"
	"REDIS_NUM_CACHE_CLUSTERS=2"
	"EC2_KEY_PAIR_NAME="
	"DISABLE_SWAGGER_PAGE=false"
	"DISABLE_ADMIN_UI=false"
	"USE_ROUTE53=false"
	"USE_CLOUDFRONT=true"
	"CLOUDFRONT_PRICE_CLASS=PriceClass_100"
	"CLOUDFRONT_CERTIFICATE_ARN="
	"CLOUDFRONT_ORIGIN_READ_TIMEOUT=60"
	"FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN="
	"FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME="
	"FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME="
	"CLOUDWATCH_METRICS_NAMESPACE=LLMGateway"
	"ALARM_5XX_PERCENT=5"
	"ALARM_P99_LATENCY_SECONDS=60"
	"ALARM_SNS_TOPIC_ARN="
)

# Secret values: stored in Secrets Manager (one JSON secret), never on a command line, in a task definition or in a
# manifest. Any other *_API_KEY in .env joins them.
SECRET_KEYS=(OPENAI_API_KEY AZURE_OPENAI_API_KEY AZURE_API_KEY ANTHROPIC_API_KEY GROQ_API_KEY COHERE_API_KEY
	CO_API_KEY HF_TOKEN HUGGINGFACE_API_KEY DATABRICKS_API_KEY GEMINI_API_KEY CODESTRAL_API_KEY MISTRAL_API_KEY
	AZURE_AI_API_KEY NVIDIA_NIM_API_KEY XAI_API_KEY PERPLEXITYAI_API_KEY GITHUB_API_KEY DEEPSEEK_API_KEY
	AI21_API_KEY LANGSMITH_API_KEY LANGFUSE_PUBLIC_KEY LANGFUSE_SECRET_KEY GENERIC_LOGGER_HEADERS OKTA_CLIENT_SECRET
	UI_PASSWORD)

# Plain settings passed to both containers as they are, when set (by deploy.sh).
# shellcheck disable=SC2034
PLAIN_KEYS=(OKTA_ISSUER OKTA_AUDIENCE DISABLE_SWAGGER_PAGE DISABLE_ADMIN_UI LANGSMITH_PROJECT
	LANGSMITH_DEFAULT_RUN_NAME LANGSMITH_BASE_URL LANGFUSE_HOST GENERIC_LOGGER_ENDPOINT OKTA_CLIENT_ID PROXY_BASE_URL
	ALLOWED_EMAIL_DOMAINS PROXY_ADMIN_ID UI_USERNAME)

# The logging callbacks deploy.sh adds to config.yaml's success_callback (the gateway's EXTRA_SUCCESS_CALLBACKS,
# comma-separated) for the keys in .env, where the original's deploy.sh edited config.yaml: langsmith with its API
# key, project and run name (as the original), langfuse with its public and secret keys.
extra_success_callbacks() {
	local names=()
	if [ -n "${LANGSMITH_API_KEY:-}" ] && [ -n "$LANGSMITH_PROJECT" ] && [ -n "$LANGSMITH_DEFAULT_RUN_NAME" ]; then
		names+=(langsmith)
	fi
	if [ -n "${LANGFUSE_PUBLIC_KEY:-}" ] && [ -n "${LANGFUSE_SECRET_KEY:-}" ]; then
		names+=(langfuse)
	fi
	local IFS=,
	echo "${names[*]}"
}

ERRORS=()

fail_env() { ERRORS+=("$1"); }

# Reads KEY=value lines the way the original's `source .env` did for its files (quotes, trailing # comments),
# without running the file as a script.
load_env_file() {
	local file=$1 line key value number=0
	for entry in "${ENV_DEFAULTS[@]}"; do
		printf -v "${entry%%=*}" '%s' "${entry#*=}"
	done
	ENV_KEYS_SEEN=()
	while IFS= read -r line || [ -n "$line" ]; do
		number=$((number + 1))
		line=${line%$'\r'}
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		line=${line#export }
		if [[ ! $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
			fail_env "$file line $number: not a KEY=value line"
			continue
		fi
		key=${BASH_REMATCH[1]}
		value=${BASH_REMATCH[2]}
		if [[ $value =~ ^\"([^\"]*)\"[[:space:]]*(#.*)?$ ]] || [[ $value =~ ^\'([^\']*)\'[[:space:]]*(#.*)?$ ]]; then
			value=${BASH_REMATCH[1]}
		elif [[ $value =~ ^[\"\'] ]]; then
			fail_env "$key: unterminated quote ($file line $number)"
			continue
		else
			value=${value%%[[:space:]]#*}
			value=${value%"${value##*[![:space:]]}"}
		fi
		printf -v "$key" '%s' "$value"
		ENV_KEYS_SEEN+=("$key")
	done <"$file"
}

check_bool() {
	local name=$1 value=${!1}
	[[ $value == true || $value == false ]] || fail_env "$name: expected true or false, got \"$value\""
}

check_int() {
	local name=$1 min=$2 max=$3 value=${!1}
	if [[ ! $value =~ ^[0-9]+$ ]]; then
		fail_env "$name: expected a whole number, got \"$value\""
	elif ((value < min || value > max)); then
		fail_env "$name: expected $min to $max, got $value"
	fi
}

check_certificate_arn() {
	[[ ${!1} =~ ^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$ ]] ||
		fail_env "$1: not an ACM certificate ARN: \"${!1}\""
}

# USE_ROUTE53 (the original's switch) creates RECORD_NAME in HOSTED_ZONE_NAME; without it RECORD_NAME is still the
# gateway's host name, with DNS kept elsewhere. USE_CLOUDFRONT puts CloudFront in front of the load balancer (the
# ECS stack's, or the EKS ingress's).
check_dns_and_cloudfront() {
	if [ "$USE_ROUTE53" = true ]; then
		[ -n "$HOSTED_ZONE_NAME" ] || fail_env "HOSTED_ZONE_NAME: required with USE_ROUTE53=true"
		[ -n "$RECORD_NAME" ] || fail_env "RECORD_NAME: required with USE_ROUTE53=true (the full host name, e.g. llm.example.com)"
	elif [ -n "$HOSTED_ZONE_NAME" ]; then
		# refused rather than ignored: a record made by an earlier deployment would silently be deleted
		fail_env "HOSTED_ZONE_NAME: set, but USE_ROUTE53 is false; set USE_ROUTE53=true to point RECORD_NAME at the gateway, or empty HOSTED_ZONE_NAME to keep DNS elsewhere"
	fi
	[[ $CLOUDFRONT_PRICE_CLASS =~ ^PriceClass_(100|200|All)$ ]] ||
		fail_env "CLOUDFRONT_PRICE_CLASS: expected PriceClass_100, PriceClass_200 or PriceClass_All, got \"$CLOUDFRONT_PRICE_CLASS\""
	check_int CLOUDFRONT_ORIGIN_READ_TIMEOUT 1 180
	if [ -n "$CLOUDFRONT_CERTIFICATE_ARN" ]; then
		check_certificate_arn CLOUDFRONT_CERTIFICATE_ARN
		[[ $CLOUDFRONT_CERTIFICATE_ARN == arn:aws*:acm:us-east-1:* ]] ||
			fail_env "CLOUDFRONT_CERTIFICATE_ARN: CloudFront takes certificates from us-east-1 only, got \"$CLOUDFRONT_CERTIFICATE_ARN\""
	fi
	if [[ $USE_CLOUDFRONT != true ]]; then
		return 0
	fi
	[ "$PUBLIC_LOAD_BALANCER" = true ] ||
		fail_env "USE_CLOUDFRONT: CloudFront reaches only an internet-facing load balancer; set USE_CLOUDFRONT=false with PUBLIC_LOAD_BALANCER=false"
	if [ "$USE_ROUTE53" = true ] && [ "$CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC" = true ]; then
		fail_env "CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC: a private zone cannot point at CloudFront; set it to false or USE_CLOUDFRONT=false"
	fi
	if [ -n "$RECORD_NAME" ] && [ -z "$CLOUDFRONT_CERTIFICATE_ARN" ] && [[ $CERTIFICATE_ARN != arn:aws*:acm:us-east-1:* ]]; then
		fail_env "CLOUDFRONT_CERTIFICATE_ARN: required with USE_CLOUDFRONT and RECORD_NAME when CERTIFICATE_ARN is not in us-east-1 (CloudFront takes us-east-1 certificates only)"
	fi
}

# The fake LLM load-testing endpoint: its three variables are set together or not at all.
FAKE_ENDPOINT_KEYS=(FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN FAKE_LLM_LOAD_TESTING_ENDPOINT_HOSTED_ZONE_NAME
	FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME)
fake_llm_endpoint_wanted() {
	local name
	for name in "${FAKE_ENDPOINT_KEYS[@]}"; do
		[ -z "${!name}" ] || return 0
	done
	return 1
}

check_fake_llm_endpoint() {
	local name set=()
	fake_llm_endpoint_wanted || return 0
	for name in "${FAKE_ENDPOINT_KEYS[@]}"; do
		[ -z "${!name}" ] || set+=("$name")
	done
	for name in "${FAKE_ENDPOINT_KEYS[@]}"; do
		[ -n "${!name}" ] || fail_env "$name: required with ${set[*]} (the fake LLM endpoint's three variables are set together)"
	done
	[ -z "$FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN" ] || check_certificate_arn FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN
}

check_required() {
	[ -n "${!1}" ] || fail_env "$1: required ($2)"
}

# Checks every variable and reports all problems at once, each naming its variable.
validate_env() {
	local name
	check_required TERRAFORM_S3_BUCKET_NAME "an S3 bucket for Terraform's state; created when missing"
	if [ -n "$TERRAFORM_S3_BUCKET_NAME" ] && [[ ! $TERRAFORM_S3_BUCKET_NAME =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]]; then
		fail_env "TERRAFORM_S3_BUCKET_NAME: not a valid bucket name: \"$TERRAFORM_S3_BUCKET_NAME\""
	fi
	[[ $DEPLOYMENT_PLATFORM == ECS || $DEPLOYMENT_PLATFORM == EKS ]] ||
		fail_env "DEPLOYMENT_PLATFORM: expected ECS or EKS, got \"$DEPLOYMENT_PLATFORM\""
	[[ $DEPLOYMENT_NAME =~ ^[a-z][a-z0-9-]{1,20}$ ]] ||
		fail_env "DEPLOYMENT_NAME: expected 2-21 lower-case letters, digits or dashes, got \"$DEPLOYMENT_NAME\""
	if [ -z "$CERTIFICATE_ARN" ]; then
		# CloudFront without a host name of our own needs no certificate: it reaches the load balancer over HTTP
		if [[ $USE_CLOUDFRONT != true || -n $RECORD_NAME ]]; then
			fail_env "CERTIFICATE_ARN: required (the ACM certificate of the load balancer's HTTPS listener)"
		fi
	else
		check_certificate_arn CERTIFICATE_ARN
	fi
	for name in CREATE_PRIVATE_HOSTED_ZONE_IN_EXISTING_VPC DISABLE_OUTBOUND_NETWORK_ACCESS \
		CREATE_VPC_ENDPOINTS_IN_EXISTING_VPC INSTALL_ADD_ONS_IN_EXISTING_EKS_CLUSTER PUBLIC_LOAD_BALANCER \
		ENABLE_WAF RDS_MULTI_AZ DISABLE_SWAGGER_PAGE DISABLE_ADMIN_UI USE_ROUTE53 USE_CLOUDFRONT BUILD_FROM_SOURCE; do
		check_bool "$name"
	done
	check_int DESIRED_CAPACITY 1 100
	check_int ALARM_5XX_PERCENT 1 100
	check_int ALARM_P99_LATENCY_SECONDS 1 3600
	check_int LOG_BUCKET_RETENTION_DAYS 0 36500
	[[ $CLOUDWATCH_METRICS_NAMESPACE =~ ^[A-Za-z0-9._/#:-]{1,255}$ && $CLOUDWATCH_METRICS_NAMESPACE != AWS/* ]] ||
		fail_env "CLOUDWATCH_METRICS_NAMESPACE: expected letters, digits and . _ / # : -, not starting with AWS/, got \"$CLOUDWATCH_METRICS_NAMESPACE\""
	check_int MIN_CAPACITY 1 100
	check_int MAX_CAPACITY 1 100
	if [[ $MIN_CAPACITY =~ ^[0-9]+$ && $MAX_CAPACITY =~ ^[0-9]+$ && $DESIRED_CAPACITY =~ ^[0-9]+$ ]] &&
		((MIN_CAPACITY > DESIRED_CAPACITY || DESIRED_CAPACITY > MAX_CAPACITY)); then
		fail_env "DESIRED_CAPACITY: must lie between MIN_CAPACITY ($MIN_CAPACITY) and MAX_CAPACITY ($MAX_CAPACITY), got $DESIRED_CAPACITY"
	fi
	check_int ECS_CPU_TARGET_UTILIZATION_PERCENTAGE 1 100
	check_int ECS_MEMORY_TARGET_UTILIZATION_PERCENTAGE 1 100
	check_int ECS_REQUESTS_PER_TARGET 1 1000000
	[[ $ECS_VCPUS =~ ^(1|2|4|8|16)$ ]] || fail_env "ECS_VCPUS: expected 1, 2, 4, 8 or 16, got \"$ECS_VCPUS\""
	check_int RDS_ALLOCATED_STORAGE_GB 20 65536
	check_int REDIS_NUM_CACHE_CLUSTERS 1 6
	if [ -z "$CPU_ARCHITECTURE" ]; then
		case "$(uname -m)" in
		arm64 | aarch64) CPU_ARCHITECTURE=arm ;;
		*) CPU_ARCHITECTURE=x86 ;;
		esac
	fi
	[[ $CPU_ARCHITECTURE == x86 || $CPU_ARCHITECTURE == arm ]] ||
		fail_env "CPU_ARCHITECTURE: expected x86, arm or empty (this machine's), got \"$CPU_ARCHITECTURE\""
	if [ -n "$EXISTING_VPC_ID" ] && [[ ! $EXISTING_VPC_ID =~ ^vpc-[0-9a-f]{8,17}$ ]]; then
		fail_env "EXISTING_VPC_ID: not a VPC id: \"$EXISTING_VPC_ID\""
	fi
	if [ -n "$EXISTING_EKS_CLUSTER_NAME" ]; then
		[ "$DEPLOYMENT_PLATFORM" = EKS ] || fail_env "EXISTING_EKS_CLUSTER_NAME: set, but DEPLOYMENT_PLATFORM is not EKS"
		[ -n "$EXISTING_VPC_ID" ] || fail_env "EXISTING_VPC_ID: required with EXISTING_EKS_CLUSTER_NAME (the cluster's VPC)"
	fi
	check_dns_and_cloudfront
	check_fake_llm_endpoint
	if [ -n "$OKTA_ISSUER" ] && [[ ! $OKTA_ISSUER =~ ^https:// ]]; then
		fail_env "OKTA_ISSUER: expected an https:// issuer URL, got \"$OKTA_ISSUER\""
	fi
	for name in "${ENV_KEYS_SEEN[@]}"; do
		if [[ ${!name} == *$'\n'* || ${!name} == *\\* ]]; then
			fail_env "$name: backslashes and line breaks are not supported in values"
		fi
	done
}

# Provider keys found in .env, by name: the fixed list plus any other *_API_KEY.
secret_keys_in_env() {
	local name
	local -A seen=()
	for name in "${SECRET_KEYS[@]}" "${ENV_KEYS_SEEN[@]}"; do
		if [[ -z ${seen[$name]:-} && (" ${SECRET_KEYS[*]} " == *" $name "* || $name == *_API_KEY) ]]; then
			seen[$name]=1
			[ -n "${!name:-}" ] && echo "$name"
		fi
	done
	return 0
}

json_string() {
	local value=$1
	value=${value//\\/\\\\}
	value=${value//\"/\\\"}
	printf '"%s"' "$value"
}

# {"NAME": "value", ...} of the named variables that are set
json_object_of() {
	local name first=1
	printf '{'
	for name in "$@"; do
		[ -n "${!name:-}" ] || continue
		((first)) || printf ', '
		first=0
		printf '%s: %s' "$(json_string "$name")" "$(json_string "${!name}")"
	done
	printf '}'
}

# Prints a command as it will run; runs it unless planning. Commands that only read run in both modes.
STEP=0
step() {
	STEP=$((STEP + 1))
	printf '\n==> %d. %s\n' "$STEP" "$1"
}

run() {
	printf '    $ %s\n' "$*"
	if [ "${PLAN:-0}" = 1 ]; then
		return 0
	fi
	"$@"
}

read_only() {
	printf '    $ %s\n' "$*"
	"$@"
}

require_tools() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || fail_env "$tool: not found on PATH (needed to deploy)"
	done
}

report_env_errors() {
	if ((${#ERRORS[@]})); then
		echo "Cannot deploy: $ENV_FILE has ${#ERRORS[@]} problem(s):" >&2
		printf '  - %s\n' "${ERRORS[@]}" >&2
		echo "See .env.template for every variable and its meaning." >&2
		exit 2
	fi
}

# the file names a LiteLLM config.yaml's include: lists (a block list or [a, b]), one a line
config_includes() {
	awk '
		function clean(s) { sub(/[ \t]+#.*$/, "", s); gsub(/["\047 \t]/, "", s); return s }
		/^include:/ {
			rest = $0; sub(/^include:[ \t]*/, "", rest); rest = clean(rest)
			if (rest ~ /^\[/) { gsub(/[][]/, "", rest); n = split(rest, names, ","); for (i = 1; i <= n; i++) if (names[i] != "") print names[i]; next }
			inlist = 1; next
		}
		inlist && /^[ \t]*-/ { s = $0; sub(/^[ \t]*-/, "", s); s = clean(s); if (s != "") print s; next }
		inlist && /^[ \t]*(#.*)?$/ { next }
		{ inlist = 0 }
	' "$1"
}

resolve_region() {
	if [ -z "$AWS_REGION" ]; then
		AWS_REGION=$(aws configure get region 2>/dev/null || true)
	fi
	[ -n "$AWS_REGION" ] || fail_env "AWS_REGION: not set in .env, the environment or the AWS CLI's configuration"
}

terraform_init() {
	local stack=$1
	# init changes no infrastructure (providers, the state backend), so it runs when planning too
	read_only terraform -chdir="deploy/terraform/$stack" init -input=false -reconfigure \
		-backend-config="bucket=$TERRAFORM_S3_BUCKET_NAME" \
		-backend-config="key=$DEPLOYMENT_NAME/$stack.tfstate" \
		-backend-config="region=$AWS_REGION"
}

#!/usr/bin/env bash
# Load test of the gateway with wrk, against three upstreams on this machine:
#   fake    - the fake LLM server (what the quickstart and the tests use)
#   bedrock - the fake's Bedrock Converse API, reached through the AWS SDK (SigV4 signing, the SDK's own
#             Netty client); "alone" is the same Converse call sent straight to the fake
#   converse-stream - Bedrock ConverseStream through the middleware (event-stream frames) to the gateway's
#             stream from the fake; "alone" is the gateway's own OpenAI stream of the same answer
#   nginx   - nginx returning a fixed chat completion from memory: the cheapest possible upstream, so what the
#             gateway adds shows plainly
#   history - chat completions through the middleware with enable_history (each request a new session, stored in
#             PostgreSQL); "alone" is the same call through the middleware without history, so the difference is
#             what history costs (the key check, cached, and the session write)
#   nginx+mw - chat sent to the middleware first, as the original's load balancer (and ours before one hop) did:
#             compare with "nginx", chat sent to the gateway, which is the load balancer's path now
#   nginx+cache - the nginx load answered from the response cache (litellm_settings.cache on the benchmark's Redis,
#             mode default_off, the requests asking with "cache": {"use-cache": true}): after the first call every
#             call is a hit, so "added" is what a hit costs over nginx alone
#   nginx+responses - the same question as OpenAI's Responses API (POST /v1/responses, "input"), translated to chat
#             for the nginx model (use_chat_completions_api) and back: what the Responses front end costs over chat
#   nginx+guard - the nginx load with a pre_call Bedrock guardrail named by each request, answered by the fake's
#             ApplyGuardrail at once (signed with the AWS SDK's signer): "added" is what a guardrail check costs the gateway
#   portkey - the peer: Portkey's open-source gateway (npm @portkey-ai/gateway, installed on request into
#             ~/.cache/llmgw-bench) in front of the same nginx, measured the same way
# For each upstream and each connection count it measures the upstream alone, then the same load through the
# gateway, and prints requests/s, p50 and p99 and the latency the gateway adds at the median; then the CPU per
# request of the gateway and of the middleware (from /proc, counting what each keeps doing after the load until it
# is idle again, such as writing the spend-log backlog), how many seconds that took ("drain"), and the gateway's
# resident memory after the point. The gateway runs as deployed, with MIDDLEWARE_URL (so every chat body passes the
# hand-off check); GATEWAY_MIDDLEWARE_URL= (empty) runs it without, to measure a build from before one hop.
# Everything runs on 127.0.0.1, every run is bounded by DURATION, and all processes started here are stopped at
# the end (or on Ctrl-C).
#
# The JIT needs about half a minute of load on 2 cores before numbers settle, hence the warm-up per upstream.
# The "nginx+key" rows repeat the nginx load with a virtual key that has a budget and rpm/tpm limits (set high
# enough never to trip), with the gateway on PostgreSQL and Redis: the cost of authentication through the key
# cache, rate limits and budget reservations on top of the master-key rows.
# Usage: scripts/bench.sh   (DURATION=60s WARMUP=20s CONNECTIONS="1 16 64" UPSTREAMS="fake bedrock nginx nginx+key";
#        also converse-stream, history, nginx+mw, nginx+cache, nginx+guard, nginx+responses and portkey; GATEWAY_JAR=path to measure another build;
#        BENCH_LOGGING=s3 or s3-batched to log every call to the fake's S3 (BENCH_S3_SINK=nginx: to an nginx that
#        takes every PUT and keeps nothing, so that only the gateway's side of the logging is measured);
#        PROFILE_DIR=dir to record a JFR profile of each gateway point there (profiling slows the points it records);
#        BENCH_THREADS=1 to print each point's CPU ms per request by gateway thread group (event loops, the
#        database driver's, logging) on stderr;
#        GATEWAY_JAVA_OPTS and MIDDLEWARE_JAVA_OPTS for the services' JVM flags, by default the images')
# PostgreSQL and Redis for the key rows: BENCH_DATABASE_URL (default: a database llmgw_bench on 127.0.0.1:5432,
# created if missing) and REDIS_HOST / REDIS_PORT (default 127.0.0.1:6379).
set -euo pipefail
cd "$(dirname "$0")/.."

# each point runs a minute by default: long enough that what a load leaves behind shows in its CPU per request
DURATION=${DURATION:-60s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-"1 16 64"}
UPSTREAMS=${UPSTREAMS:-"fake bedrock nginx nginx+key"}
BENCH_DATABASE_URL=${BENCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/llmgw_bench}
FAKE_PORT=${FAKE_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18090}
NGINX_S3_PORT=${NGINX_S3_PORT:-18091}
GATEWAY_PORT=${GATEWAY_PORT:-14000}
MIDDLEWARE_PORT=${MIDDLEWARE_PORT:-13000}
PORTKEY_PORT=${PORTKEY_PORT:-18787}
GATEWAY_MIDDLEWARE_URL=${GATEWAY_MIDDLEWARE_URL-http://127.0.0.1:$MIDDLEWARE_PORT}
# another build of the gateway to measure, for a before-and-after in one sitting (its own BENCH_DATABASE_URL when
# its migrations differ)
GATEWAY_JAR=${GATEWAY_JAR:-gateway-service/target/gateway-service.jar}
# the services' JVM flags: by default the images' own (docker/*.Dockerfile), to measure them as deployed; set to
# compare heap sizes and collectors
images_java_opts() { sed -n 's/^ENV JAVA_OPTS="\([^"]*\)".*/\1/p' "docker/$1.Dockerfile"; }
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-$(images_java_opts gateway-service)}
MIDDLEWARE_JAVA_OPTS=${MIDDLEWARE_JAVA_OPTS:-$(images_java_opts middleware-service)}
read -r -a GATEWAY_FLAGS <<<"$GATEWAY_JAVA_OPTS"
read -r -a MIDDLEWARE_FLAGS <<<"$MIDDLEWARE_JAVA_OPTS"
KEY=sk-bench-master-key
WORK=$(mktemp -d /tmp/llmgw-bench.XXXXXX)
PIDS=()

cleanup() {
	local status=$?
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	if [ -f "$WORK/nginx.pid" ]; then kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; fi
	# the services' logs and configs, wrk's scripts and nginx's body buffers: kept, with the path said, only when the
	# run failed, for its logs
	if [ "$status" -ne 0 ]; then
		echo "bench failed; the services' logs are in $WORK" >&2
		return
	fi
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	done
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx; then
	echo "installing wrk and nginx from apt..."
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi

# The benchmark runs the services on the newest JDK on the machine, as the container images do.
JAVA=java
for candidate in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*25*/bin/java; do
	[ -x "$candidate" ] && JAVA=$candidate && break
done

if [ ! -f gateway-service/target/gateway-service.jar ] || [ ! -f fake-llm-server/target/fake-llm-server.jar ]; then
	./mvnw -q -DskipTests package
fi

wait_for() {
	for _ in $(seq 1 120); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done
	echo "timed out waiting for $1" >&2
	return 1
}

# nginx answering every POST with a fixed completion of the same shape as the fake's
cat >"$WORK/completion.json" <<JSON
{"id":"chatcmpl-nginx","object":"chat.completion","created":1700000000,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":"You said: hello from the benchmark"},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":6,"total_tokens":10}}
JSON
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	client_body_temp_path $WORK;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location / {
			default_type application/json;
			return 200 '$(cat "$WORK/completion.json")';
		}
	}
	# an S3 that takes every PUT and keeps nothing, for BENCH_S3_SINK=nginx: what the logging callback costs the
	# gateway, without a store's own work on the same two cores
	server {
		listen 127.0.0.1:$NGINX_S3_PORT;
		client_max_body_size 0;
		client_body_buffer_size 4m;
		location / {
			add_header ETag '"bench"';
			return 200;
		}
	}
}
CONF
nginx -c "$WORK/nginx.conf"

SERVER_PORT=$FAKE_PORT SERVER_ADDRESS=127.0.0.1 "$JAVA" -jar fake-llm-server/target/fake-llm-server.jar \
	>"$WORK/fake.log" 2>&1 &
PIDS+=($!)

# BENCH_LOGGING=s3 logs every call to the fake's S3 with the s3 callback, one object per call as LiteLLM does;
# s3-batched with s3_batch_objects (one object per batch)
logging_settings() {
	case "${BENCH_LOGGING:-}" in
	"") ;;
	s3 | s3-batched)
		printf '  success_callback: ["s3"]\n  s3_callback_params:\n'
		printf '    {s3_bucket_name: bench-logs, s3_region_name: us-east-1, s3_endpoint_url: "http://127.0.0.1:%s",\n' \
			"$([ "${BENCH_S3_SINK:-fake}" = nginx ] && echo "$NGINX_S3_PORT" || echo "$FAKE_PORT")"
		printf '     s3_aws_access_key_id: AKIDBENCH, s3_aws_secret_access_key: bench-secret, s3_batch_objects: %s}\n' \
			"$([ "$BENCH_LOGGING" = s3-batched ] && echo true || echo false)"
		;;
	*)
		echo "BENCH_LOGGING must be s3 or s3-batched" >&2
		exit 2
		;;
	esac
}

cat >"$WORK/config.yaml" <<YAML
model_list:
  - model_name: bench-fake
    litellm_params: {model: openai/bench, api_base: "http://127.0.0.1:$FAKE_PORT/v1", api_key: fake}
  - model_name: bench-bedrock
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_bedrock_runtime_endpoint: "http://127.0.0.1:$FAKE_PORT"
      aws_access_key_id: AKIDBENCH
      aws_secret_access_key: bench-secret
      aws_region_name: us-east-1
  - model_name: bench-nginx
    litellm_params: {model: openai/bench, api_base: "http://127.0.0.1:$NGINX_PORT/v1", api_key: fake}
  - model_name: bench-nginx-chat
    litellm_params: {model: openai/bench, api_base: "http://127.0.0.1:$NGINX_PORT/v1", api_key: fake, use_chat_completions_api: true}
litellm_settings:
  # default_off: only the nginx+cache rows ask for the cache, the others pass it by
  cache: true
  cache_params: {type: redis, mode: default_off}
$(logging_settings)
guardrails:
  - guardrail_name: bench-guard
    litellm_params:
      guardrail: bedrock
      mode: pre_call
      guardrailIdentifier: bench
      guardrailVersion: "1"
      aws_region_name: us-east-1
      aws_access_key_id: AKIDBENCH
      aws_secret_access_key: bench-secret
      aws_bedrock_runtime_endpoint: "http://127.0.0.1:$FAKE_PORT"
general_settings:
  master_key: $KEY
YAML
if command -v psql >/dev/null 2>&1 && [ -z "${BENCH_DATABASE_URL##*llmgw_bench}" ]; then
	psql -h 127.0.0.1 -U postgres -d test -tAc "SELECT 1 FROM pg_database WHERE datname = 'llmgw_bench'" | grep -q 1 \
		|| psql -h 127.0.0.1 -U postgres -d test -qc "CREATE DATABASE llmgw_bench"
	# every run starts from empty spend tables: their indexes grow with every row, and a million rows per run
	# would make each run's writer slower than the last
	psql -h 127.0.0.1 -U postgres -d llmgw_bench -qc "DO \$\$ BEGIN IF to_regclass('spend_logs') IS NOT NULL THEN
		TRUNCATE spend_logs; END IF; IF to_regclass('daily_user_spend') IS NOT NULL THEN
		TRUNCATE daily_user_spend, daily_team_spend, daily_end_user_spend; END IF; END \$\$"
fi
MIDDLEWARE_URL=$GATEWAY_MIDDLEWARE_URL DATABASE_URL=$BENCH_DATABASE_URL REDIS_HOST=${REDIS_HOST:-127.0.0.1} \
REDIS_PORT=${REDIS_PORT:-6379} CONFIG_FILE_PATH="$WORK/config.yaml" SERVER_PORT=$GATEWAY_PORT "$JAVA" \
	"${GATEWAY_FLAGS[@]}" -jar "$GATEWAY_JAR" >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
GATEWAY_PID=$!

# the middleware runs whenever the gateway hands requests to it, as in a deployment (key creation goes through it)
if [[ -n "$GATEWAY_MIDDLEWARE_URL" || "$UPSTREAMS" == *converse* || "$UPSTREAMS" == *history* || "$UPSTREAMS" == *+mw* ]]; then
	if command -v psql >/dev/null 2>&1 && [ -z "${BENCH_DATABASE_URL##*llmgw_bench}" ]; then
		psql -h 127.0.0.1 -U postgres -d llmgw_bench -qc "DROP TABLE IF EXISTS chat_sessions, middleware_schema_history"
	fi
	DATABASE_MIDDLEWARE_URL=$BENCH_DATABASE_URL \
	GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" SERVER_PORT=$MIDDLEWARE_PORT "$JAVA" "${MIDDLEWARE_FLAGS[@]}" \
		-jar middleware-service/target/middleware-service.jar >"$WORK/middleware.log" 2>&1 &
	PIDS+=($!)
	MIDDLEWARE_PID=$!
	wait_for "http://127.0.0.1:$MIDDLEWARE_PORT/health/liveliness"
fi

if [[ "$UPSTREAMS" == *portkey* ]]; then
	PORTKEY_DIR=$HOME/.cache/llmgw-bench
	if [ ! -f "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
		echo "installing @portkey-ai/gateway from npm into $PORTKEY_DIR..."
		mkdir -p "$PORTKEY_DIR"
		npm install --prefix "$PORTKEY_DIR" --no-audit --no-fund @portkey-ai/gateway >/dev/null 2>&1
	fi
	NODE_ENV=production node "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" \
		--port="$PORTKEY_PORT" --headless >"$WORK/portkey.log" 2>&1 &
	PIDS+=($!)
	PORTKEY_PID=$!
	wait_for "http://127.0.0.1:$PORTKEY_PORT/"
fi

wait_for "http://127.0.0.1:$FAKE_PORT/health"
wait_for "http://127.0.0.1:$GATEWAY_PORT/health/liveliness"

# writes a wrk script that POSTs a JSON body, with the key as a bearer unless the key is "-"; prints its path
wrk_script() {
	local file="$WORK/$1.lua" body=$2 key=${3:-$KEY}
	{
		echo 'wrk.method = "POST"'
		echo 'wrk.headers["Content-Type"] = "application/json"'
		[ "$key" = "-" ] || echo "wrk.headers[\"Authorization\"] = \"Bearer $key\""
		echo "wrk.body = '$body'"
	} >"$file"
	echo "$file"
}
QUESTION='"messages":[{"role":"user","content":"hello from the benchmark"}]'
CONVERSE_QUESTION='"messages":[{"role":"user","content":[{"text":"hello from the benchmark"}]}]'

# the +cache rows ask for the response cache, as a request does under mode: default_off
lua() {
	local extra=""
	[[ "$1" == *+cache* ]] && extra=',"cache":{"use-cache":true}'
	[[ "$1" == *+guard* ]] && extra=',"guardrails":["bench-guard"]'
	if [[ "$1" == *+responses* ]]; then
		wrk_script "$1" "{\"model\":\"$2\",\"input\":\"hello from the benchmark\"}" "${3:-$KEY}"
		return
	fi
	wrk_script "$1" "{\"model\":\"$2\",$QUESTION$extra}" "${3:-$KEY}"
}

# Portkey's request for the same answer: the provider and nginx as its custom host in headers, as its docs say
portkey_lua() {
	local file="$WORK/$1.lua"
	{
		echo 'wrk.method = "POST"'
		echo 'wrk.headers["Content-Type"] = "application/json"'
		echo 'wrk.headers["Authorization"] = "Bearer fake"'
		echo 'wrk.headers["x-portkey-provider"] = "openai"'
		echo "wrk.headers[\"x-portkey-custom-host\"] = \"http://127.0.0.1:$NGINX_PORT/v1\""
		echo "wrk.body = '{\"model\":\"bench\",$QUESTION}'"
	} >"$file"
	echo "$file"
}

# the CPU a process has used so far, in clock ticks (user + system, from /proc)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# the same per thread group ("name ticks" lines, digits dropped from thread names: reactor-http-epoll-1 and -2 are one)
thread_ticks() {
	local task
	for task in /proc/"$1"/task/*; do
		[ -r "$task/stat" ] || continue
		printf '%s %s\n' "$(tr -d '0-9' <"$task/comm" | tr ' ' '_')" \
			"$(sed 's/.*) //' "$task/stat" | awk '{ print $12 + $13 }')"
	done | awk '{ t[$1] += $2 } END { for (n in t) print n, t[n] }' | sort
}
TICKS=$(getconf CLK_TCK)

# waits until a process is idle again (under 5% of a core for a second, at most 120 s) and prints how long it
# took in seconds: the work a load left behind (the spend writer's backlog) is charged to that load
wait_idle() {
	local waited=0 before after
	while [ "$waited" -lt 120 ]; do
		before=$(cpu_ticks "$1"); sleep 1; after=$(cpu_ticks "$1")
		[ $(( (after - before) * 20 )) -lt "$TICKS" ] && break
		waited=$((waited + 1))
	done
	echo "$waited"
}

# prints "rps p50_ms p99_ms" for one wrk run
measure() {
	local url=$1 script=$2 connections=$3 threads=$(( $3 < 2 ? 1 : 2 ))
	wrk -t"$threads" -c"$connections" -d"$DURATION" --latency -s "$script" "$url" >"$WORK/wrk.out" 2>&1
	if grep -q "Non-2xx" "$WORK/wrk.out"; then
		echo "non-2xx responses from $url:" >&2
		cat "$WORK/wrk.out" >&2
		exit 1
	fi
	awk '
		function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
		/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
		/ requests in / { requests = $1 }
		END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, requests }' "$WORK/wrk.out"
}

# a virtual key with a budget and limits that the benchmark never reaches
VIRTUAL_KEY=$(curl -sf "http://127.0.0.1:$GATEWAY_PORT/key/generate" -H "Authorization: Bearer $KEY" \
	-H "Content-Type: application/json" \
	-d '{"max_budget": 1000000, "rpm_limit": 100000000, "tpm_limit": 1000000000, "max_parallel_requests": 10000}' |
	sed -E 's/.*"key":"([^"]+)".*/\1/')

model_of() { case "$1" in converse*) echo "bench-fake" ;; history | portkey) echo "bench-nginx" ;; *+responses) echo "bench-nginx-chat" ;; *) echo "bench-${1%%+*}" ;; esac; }
# the gateway route an upstream's rows call
route_of() { [[ "$1" == *+responses ]] && echo "/v1/responses" || echo "/v1/chat/completions"; }
key_of() { [[ "$1" == *+key ]] && echo "$VIRTUAL_KEY" || echo "$KEY"; }

history_lua() { wrk_script "$1" "{\"model\":\"bench-nginx\",\"enable_history\":true,$QUESTION}"; }

echo "warming up the gateway for $WARMUP..."
for upstream in $UPSTREAMS; do
	[ "$upstream" = portkey ] && continue
	wrk -t2 -c16 -d"$WARMUP" -s "$(lua "warm-$upstream" "$(model_of "$upstream")" "$(key_of "$upstream")")" \
		"http://127.0.0.1:$GATEWAY_PORT$(route_of "$upstream")" >/dev/null
done
if [[ "$UPSTREAMS" == *portkey* ]]; then
	wrk -t2 -c16 -d"$WARMUP" -s "$(portkey_lua warm-portkey)" "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" >/dev/null
fi
if [[ "$UPSTREAMS" == *+mw* ]]; then
	wrk -t2 -c16 -d"$WARMUP" -s "$(lua warm-mw bench-nginx)" \
		"http://127.0.0.1:$MIDDLEWARE_PORT/v1/chat/completions" >/dev/null
fi
if [[ "$UPSTREAMS" == *history* ]]; then
	# both middleware paths, with and without history, so that neither is measured cold
	wrk -t2 -c16 -d"$WARMUP" -s "$(lua warm-plain bench-nginx)" \
		"http://127.0.0.1:$MIDDLEWARE_PORT/v1/chat/completions" >/dev/null
	wrk -t2 -c16 -d"$WARMUP" -s "$(history_lua warm-history)" \
		"http://127.0.0.1:$MIDDLEWARE_PORT/v1/chat/completions" >/dev/null
fi
if [[ "$UPSTREAMS" == *converse* ]]; then
	wrk -t2 -c16 -d"$WARMUP" -s "$(wrk_script warm-converse "{$CONVERSE_QUESTION}")" \
		"http://127.0.0.1:$MIDDLEWARE_PORT/bedrock/model/bench-fake/converse-stream" >/dev/null
fi

wait_idle "$GATEWAY_PID" >/dev/null
printf "\n%-9s %5s | %10s %9s %9s | %10s %9s %9s | %12s %8s | %11s %11s %7s %6s\n" upstream conns "alone rps" \
	"p50 ms" "p99 ms" "gw rps" "p50 ms" "p99 ms" "added p50 ms" "gw/alone" "gw cpu ms/r" "mw cpu ms/r" "drain s" \
	"rss MB"
for upstream in $UPSTREAMS; do
	script=$(lua "$upstream" "$(model_of "$upstream")" "$(key_of "$upstream")")
	direct_script=$script
	front="http://127.0.0.1:$GATEWAY_PORT$(route_of "$upstream")"
	served=$GATEWAY_PID
	case "$upstream" in
		portkey)
			direct="http://127.0.0.1:$NGINX_PORT/v1/chat/completions"
			front="http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions"
			script=$(portkey_lua portkey)
			served=$PORTKEY_PID
			;;
		*+mw)
			direct="http://127.0.0.1:$NGINX_PORT/v1/chat/completions"
			front="http://127.0.0.1:$MIDDLEWARE_PORT/v1/chat/completions"
			;;
		converse-stream)
			# "alone" is the gateway's own OpenAI stream; through the middleware it becomes Converse frames
			direct="http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions"
			direct_script=$(wrk_script openai-stream "{\"model\":\"bench-fake\",\"stream\":true,$QUESTION}")
			front="http://127.0.0.1:$MIDDLEWARE_PORT/bedrock/model/bench-fake/converse-stream"
			script=$(wrk_script converse-stream "{$CONVERSE_QUESTION}")
			;;
		history)
			direct="http://127.0.0.1:$MIDDLEWARE_PORT/v1/chat/completions"
			front=$direct
			script=$(history_lua history)
			;;
		fake) direct="http://127.0.0.1:$FAKE_PORT/v1/chat/completions" ;;
		bedrock)
			# the same question as Bedrock's Converse API asks it, straight to the fake
			direct="http://127.0.0.1:$FAKE_PORT/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"
			direct_script=$(wrk_script converse "{$CONVERSE_QUESTION,\"inferenceConfig\":{}}" -)
			;;
		*+responses)
			# "alone" is nginx answering the chat question the request becomes
			direct="http://127.0.0.1:$NGINX_PORT/v1/chat/completions"
			direct_script=$(lua nginx-chat bench-nginx)
			;;
		*) direct="http://127.0.0.1:$NGINX_PORT/v1/chat/completions" ;;
	esac
	for connections in $CONNECTIONS; do
		read -r a_rps a_p50 a_p99 _ < <(measure "$direct" "$direct_script" "$connections")
		ticks_before=$(cpu_ticks "$served")
		[ -n "${BENCH_THREADS:-}" ] && thread_ticks "$served" >"$WORK/threads.before"
		mw_before=$([ -n "${MIDDLEWARE_PID:-}" ] && cpu_ticks "$MIDDLEWARE_PID" || echo 0)
		if [ -n "${PROFILE_DIR:-}" ] && [ "$upstream" != portkey ]; then
			"${JAVA%/java}/jcmd" "$served" JFR.start name=bench settings=profile \
				filename="$PROFILE_DIR/$upstream-$connections.jfr" >/dev/null
		fi
		read -r g_rps g_p50 g_p99 g_requests < <(measure "$front" "$script" "$connections")
		if [ -n "${PROFILE_DIR:-}" ] && [ "$upstream" != portkey ]; then
			"${JAVA%/java}/jcmd" "$served" JFR.stop name=bench >/dev/null
		fi
		drain=$(wait_idle "$served")
		ticks=$(( $(cpu_ticks "$served") - ticks_before ))
		mw_ticks=$(( $([ -n "${MIDDLEWARE_PID:-}" ] && cpu_ticks "$MIDDLEWARE_PID" || echo 0) - mw_before ))
		rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$served/status")
		if [ -n "${BENCH_THREADS:-}" ]; then
			# CPU ms per request by thread group, the largest first, on stderr beside the table
			thread_ticks "$served" | join -a1 - "$WORK/threads.before" | awk -v n="$g_requests" -v hz="$TICKS" \
				'{ d = $2 - ($3 == "" ? 0 : $3); if (d > 0 && n > 0) printf "    %-28s %.4f\n", $1, 1000 * d / hz / n }' |
				sort -k2 -rn | head -8 >&2
		fi
		# the CPU per request includes what the process did after the load until idle (one idle second
		# counted in it); for the portkey row the "gw" columns are Portkey's
		awk -v u="$upstream" -v c="$connections" -v ar="$a_rps" -v a5="$a_p50" -v a9="$a_p99" -v gr="$g_rps" \
			-v g5="$g_p50" -v g9="$g_p99" -v n="$g_requests" -v t="$ticks" -v m="$mw_ticks" -v hz="$TICKS" \
			-v d="$drain" -v r="$rss" 'BEGIN {
			printf "%-9s %5d | %10d %9.3f %9.3f | %10d %9.3f %9.3f | %12.3f %7.1f%% | %11.3f %11.3f %7d %6d\n",
				u, c, ar, a5, a9, gr, g5, g9, g5 - a5, (ar > 0) ? 100 * gr / ar : 0,
				(n > 0) ? 1000 * t / hz / n : 0, (n > 0) ? 1000 * m / hz / n : 0, d, r }'
	done
done
echo
if [ -n "${MIDDLEWARE_PID:-}" ]; then
	echo "middleware rss after the points: $(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$MIDDLEWARE_PID/status") MB"
fi
echo "gateway: $GATEWAY_JAVA_OPTS; middleware: $MIDDLEWARE_JAVA_OPTS"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; java: $("$JAVA" -version 2>&1 | head -1)"

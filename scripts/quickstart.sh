#!/usr/bin/env bash
# Builds the project and starts the whole product locally with no external service: the fake LLM server (8080),
# the middleware (3000) and the gateway (4000) on config/quickstart-config.yaml. Ctrl-C stops everything it
# started.
#
# Environment (all optional): LITELLM_MASTER_KEY (default sk-1234), GATEWAY_PORT, MIDDLEWARE_PORT, FAKE_LLM_PORT,
# CONFIG_FILE_PATH (default config/quickstart-config.yaml), SKIP_BUILD=1 to reuse built jars.
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY_PORT=${GATEWAY_PORT:-4000}
MIDDLEWARE_PORT=${MIDDLEWARE_PORT:-3000}
FAKE_LLM_PORT=${FAKE_LLM_PORT:-8080}
export LITELLM_MASTER_KEY=${LITELLM_MASTER_KEY:-sk-1234}
export CONFIG_FILE_PATH=${CONFIG_FILE_PATH:-config/quickstart-config.yaml}
export FAKE_LLM_BASE_URL=${FAKE_LLM_BASE_URL:-http://127.0.0.1:$FAKE_LLM_PORT/v1}
export FAKE_LLM_ROOT_URL=${FAKE_LLM_ROOT_URL:-http://127.0.0.1:$FAKE_LLM_PORT}
LOGS=${LOGS:-run/logs}
PIDS=()
STOPPING=0

stop() {
	STOPPING=1
	trap - EXIT INT TERM
	echo
	echo "stopping..."
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap stop EXIT
# Ctrl-C ends the script once everything is stopped, rather than going on to report a service that stopped
trap 'stop; exit 130' INT TERM

if ! command -v java >/dev/null 2>&1; then
	echo "Java 17 or newer is needed (e.g. apt-get install openjdk-17-jdk-headless)" >&2
	exit 1
fi
mkdir -p "$LOGS"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
	echo "building the services with ./mvnw -DskipTests package (the first build downloads Maven and the"
	echo "dependencies and takes a few minutes; its whole output goes to $LOGS/build.log)..."
	# one line per module as Maven reaches it, so a long build says what it is doing
	if ! ./mvnw -DskipTests package 2>&1 | tee "$LOGS/build.log" \
		| { grep --line-buffered -E '^\[INFO\] Building .*\[[0-9]+/[0-9]+\]$' || true; } \
		| sed -u -E 's/^\[INFO\] Building (.+) [0-9][^ ]* +\[([0-9]+\/[0-9]+)\]$/  [\2] \1/'; then
		echo "the build failed; the end of $LOGS/build.log:" >&2
		tail -n 30 "$LOGS/build.log" >&2
		exit 1
	fi
fi

start() {
	local name=$1 port=$2
	shift 2
	SERVER_PORT=$port "$@" >"$LOGS/$name.log" 2>&1 &
	PIDS+=($!)
	echo "started $name on port $port (log: $LOGS/$name.log)"
}

await() {
	local name=$1 url=$2
	for _ in $(seq 1 120); do
		if curl -sf -o /dev/null "$url"; then return 0; fi
		if ! kill -0 "${PIDS[-1]}" 2>/dev/null && [ "$3" = last ]; then break; fi
		sleep 0.5
	done
	echo "$name did not start; its log:" >&2
	tail -n 30 "$LOGS/$name.log" >&2
	exit 1
}

start fake-llm-server "$FAKE_LLM_PORT" java -jar fake-llm-server/target/fake-llm-server.jar
start middleware "$MIDDLEWARE_PORT" env GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" \
	java -jar middleware-service/target/middleware-service.jar
# the gateway forwards the middleware's paths (Bedrock Converse, chat history) to it, so that one base URL serves
# everything, as the load balancer's path rules do in a deployment
start gateway "$GATEWAY_PORT" env MIDDLEWARE_URL="http://127.0.0.1:$MIDDLEWARE_PORT" \
	java -jar gateway-service/target/gateway-service.jar
await fake-llm-server "http://127.0.0.1:$FAKE_LLM_PORT/health" any
await middleware "http://127.0.0.1:$MIDDLEWARE_PORT/health/liveliness" any
await gateway "http://127.0.0.1:$GATEWAY_PORT/health/liveliness" last

cat <<MSG

The gateway is up at http://localhost:$GATEWAY_PORT with master key $LITELLM_MASTER_KEY.

Try it with curl:

  curl http://localhost:$GATEWAY_PORT/v1/chat/completions \\
    -H "Authorization: Bearer $LITELLM_MASTER_KEY" -H "Content-Type: application/json" \\
    -d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello!"}]}'

or with the OpenAI Python SDK (pip install openai):

  from openai import OpenAI
  client = OpenAI(base_url="http://localhost:$GATEWAY_PORT/v1", api_key="$LITELLM_MASTER_KEY")
  reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello!"}])
  print(reply.choices[0].message.content)

Models: gpt-4o-mini, gpt-4o, bedrock-claude-3-5-sonnet, claude-3-5-sonnet, gemini-2.0-flash (each through its
provider's own API, served by the fake), fake-slow (streams slowly: try "stream": true), text-embedding-3-small
(POST /v1/embeddings). Press Ctrl-C to stop.
MSG
wait -n "${PIDS[@]}" || true
if [ "$STOPPING" = 0 ]; then
	echo "a service stopped unexpectedly; logs are in $LOGS" >&2
	exit 1
fi

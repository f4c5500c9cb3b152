#!/usr/bin/env bash
# The admin UI at scale: seeds a PostgreSQL database with a million keys and ten million spend-log rows (and the
# daily aggregate tables the spend writer keeps), starts the gateway on it, logs in as the admin and times every
# page, ROUNDS times each, from the request's first byte sent to the answer's first byte received (the server's
# time; loopback adds microseconds). Prints the median, p95 and worst per page, and exits 1 when a page's p95 is
# over LIMIT_MS.
#
# Usage: scripts/ui-scale.sh [--reuse] [--keep]
#   --reuse  measure an already seeded database (from an earlier --keep) without seeding it again
#   --keep   leave the database for another run (it is dropped otherwise)
# Environment (all optional): KEYS (1000000), LOGS (10000000), DAYS (30), ROUNDS (20), LIMIT_MS (200),
#   GATEWAY_JAR (gateway-service/target/gateway-service.jar), PORT (4600), PGHOST/PGPORT/PGUSER (127.0.0.1, 5432,
#   postgres), JAVA (java). Seeding the full size takes a few minutes and about 8 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."

KEYS=${KEYS:-1000000}
LOGS=${LOGS:-10000000}
DAYS=${DAYS:-30}
ROUNDS=${ROUNDS:-20}
LIMIT_MS=${LIMIT_MS:-200}
PORT=${PORT:-4600}
GATEWAY_JAR=${GATEWAY_JAR:-gateway-service/target/gateway-service.jar}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
JAVA=${JAVA:-java}
DB=llmgw_uiscale
MASTER_KEY=sk-uiscale-$$-master
REUSE=0
KEEP=0
for arg in "$@"; do
	case $arg in
	--reuse) REUSE=1 ;;
	--keep) KEEP=1 ;;
	*)
		echo "usage: $0 [--reuse] [--keep]" >&2
		exit 2
		;;
	esac
done
[ -f "$GATEWAY_JAR" ] || {
	echo "no $GATEWAY_JAR: build it first (./mvnw -DskipTests package)" >&2
	exit 2
}

WORK=$(mktemp -d)
GATEWAY_PID=
# shellcheck disable=SC2317 # run by the trap
cleanup() {
	if [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null; then
		wait "$GATEWAY_PID" 2>/dev/null || true
	fi
	if [ "$KEEP" = 0 ]; then
		psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

sql() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -X -q "$@"; }

if [ "$REUSE" = 0 ]; then
	sql -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
fi

# the gateway migrates the database itself
GATEWAY_USAGE_WINDOW_INTERVAL=15s LITELLM_MASTER_KEY=$MASTER_KEY DATABASE_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/$DB" SERVER_PORT=$PORT \
	SERVER_ADDRESS=127.0.0.1 CONFIG_FILE_PATH=config/quickstart-config.yaml GATEWAY_DATA_DIR="$WORK/data" \
	FAKE_LLM_BASE_URL=http://127.0.0.1:9/v1 FAKE_LLM_ROOT_URL=http://127.0.0.1:9 \
	"$JAVA" -jar "$GATEWAY_JAR" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 120); do
	curl -fs "http://127.0.0.1:$PORT/health/liveliness" >/dev/null 2>&1 && break
	kill -0 "$GATEWAY_PID" 2>/dev/null || {
		tail -20 "$WORK/gateway.log" >&2
		exit 1
	}
	sleep 1
done

if [ "$REUSE" = 0 ]; then
	echo "seeding $KEYS keys and $LOGS spend-log rows over $DAYS days..."
	started=$(date +%s)
	sql -d "$DB" -v keys="$KEYS" -v logs="$LOGS" -v days="$DAYS" -f scripts/ui-scale-seed.sql
	echo "seeded in $(($(date +%s) - started)) s"
fi
# the Usage page's windows: summed by the gateway a quarter minute at most after the seed, once yesterday has
# settled (an hour after midnight UTC; before then the Usage page reads the daily rows alone)
YESTERDAY=$(date -u -d yesterday +%F)
if [ "$(date -u +%H)" != 00 ]; then
	for _ in $(seq 1 600); do
		# the newest window of each range, when it holds every daily row of its days
		ready=$(sql -d "$DB" -tAc "SELECT count(*) FROM (SELECT DISTINCT ON (start_date) start_date, source_rows
			FROM usage_window_state WHERE end_date = '$YESTERDAY' ORDER BY start_date, completed_at DESC) w
			WHERE source_rows = (SELECT count(*) FROM daily_user_spend WHERE date >= w.start_date
			AND date <= '$YESTERDAY') + (SELECT count(*) FROM daily_team_spend WHERE date >= w.start_date
			AND date <= '$YESTERDAY')" 2>/dev/null || echo 0)
		[ "$ready" = 2 ] && break
		sleep 1
	done
	grep 'usage window' "$WORK/gateway.log" | tail -2 || true
else
	echo "before 01:00 UTC: yesterday has not settled, so the Usage page reads the daily rows alone"
fi
sql -d "$DB" -tAc "SELECT 'rows: ' || (SELECT count(*) FROM api_keys) || ' keys, ' || (SELECT count(*) FROM spend_logs)
	|| ' spend logs, ' || (SELECT count(*) FROM daily_user_spend) || ' daily user rows, '
	|| pg_size_pretty(pg_database_size('$DB'))"

BASE=http://127.0.0.1:$PORT
JAR=$WORK/cookies
FORM=$(curl -fs -c "$JAR" "$BASE/login")
TOKEN=$(sed -n 's/.*name="login_token" value="\([^"]*\)".*/\1/p' <<<"$FORM")
curl -fs -b "$JAR" -c "$JAR" -o /dev/null "$BASE/login" --data-urlencode "login_token=$TOKEN" \
	--data-urlencode username=admin --data-urlencode "password=$MASTER_KEY"

HOT_KEY=$(sql -d "$DB" -tAc "SELECT md5('k7') || md5('K7')")
COLD_KEY=$(sql -d "$DB" -tAc "SELECT md5('k123457') || md5('K123457')")
TODAY=$(date -u +%F)
WEEK_AGO=$(date -u -d '6 days ago' +%F)
MONTH_AGO=$(date -u -d "$((DAYS - 1)) days ago" +%F)
OLDEST=$(sql -d "$DB" -tAc "SELECT to_char(min(start_time) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM spend_logs")
PAGES=(
	"/ui/keys"
	"/ui/keys?page=2"
	"/ui/keys?page=20000"
	"/ui/keys?user_id=u42"
	"/ui/keys?team_id=t7"
	"/ui/keys?key_alias=key-777777"
	"/ui/keys/view?token=$HOT_KEY"
	"/ui/teams"
	"/ui/teams?team_alias=team-42"
	"/ui/teams/view?team_id=t7"
	"/ui/users"
	"/ui/users?user_email=user42"
	"/ui/logs"
	"/ui/logs?before=$OLDEST"
	"/ui/logs?api_key=$HOT_KEY"
	"/ui/logs?api_key=$COLD_KEY"
	"/ui/logs?user_id=u42"
	"/ui/logs?model=gpt-4o&start_date=$WEEK_AGO&end_date=$TODAY"
	"/ui/logs/view?request_id=req-4242"
	"/ui/usage"
	"/ui/usage?start_date=$MONTH_AGO&end_date=$TODAY"
	"/ui/models"
	"/ui/settings"
	"/ui/playground"
)

printf '%-70s %8s %8s %8s\n' page median p95 worst
over=0
for page in "${PAGES[@]}"; do
	status=$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' "$BASE$page")
	if [ "$status" != 200 ]; then
		echo "$page answered $status" >&2
		over=1
		continue
	fi
	times=()
	for _ in $(seq 1 "$ROUNDS"); do
		times+=("$(curl -s -b "$JAR" -o /dev/null -w '%{time_pretransfer} %{time_starttransfer}' "$BASE$page" |
			awk '{printf "%.1f", ($2 - $1) * 1000}')")
	done
	read -r median p95 worst < <(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {
		printf "%s %s %s\n", a[int((NR + 1) / 2)], a[int(NR * 0.95 + 0.999)], a[NR] }')
	shown=${page//$HOT_KEY/<busy key>}
	shown=${shown//$COLD_KEY/<quiet key>}
	printf '%-70s %8s %8s %8s\n' "${shown:0:70}" "$median" "$p95" "$worst"
	if awk -v p="$p95" -v limit="$LIMIT_MS" 'BEGIN { exit !(p > limit) }'; then over=1; fi
done
echo "(milliseconds of server time per page, $ROUNDS rounds; limit $LIMIT_MS ms at p95)"
exit "$over"

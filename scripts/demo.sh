#!/usr/bin/env bash
# One command for the whole pipeline on this machine: installs what is missing, starts the local
# stack (Kafka, schema registry, ClickHouse), the Pulse services and a live traffic generator with
# incidents, and says where to look. Ctrl-C stops the services and the generator; the stack keeps
# running (`npm run stack -- down` stops it). PULSE_SERVICE_HEAP_MB (default 512) caps each service's heap.
set -euo pipefail
source "$(dirname "$0")/ensure-node.sh"
cd "$PULSE_ROOT"

npm run --silent build >&2
eval "$(bash deploy/local/stack up)"
export KAFKA_BROKERS SCHEMA_REGISTRY_URL CLICKHOUSE_URL
export CLICKHOUSE_DATABASE="${CLICKHOUSE_DATABASE:-pulse}"
logs="$PULSE_STATE_DIR/logs"
mkdir -p "$logs"

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo "pulse: stopping services (they drain and commit first)" >&2
  for pid in "${pids[@]}" ${first_training:-}; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# start_service NAME METRICS_PORT [ENV=VALUE ...]: runs a built service in the background, waits for /health.
start_service() {
  local name=$1 metrics_port=$2
  shift 2
  env METRICS_PORT="$metrics_port" "$@" node --max-old-space-size="${PULSE_SERVICE_HEAP_MB:-512}" "dist/services/$name/src/main.js" >"$logs/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$metrics_port/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "pulse: $name failed to start; see $logs/$name.log" >&2; tail -20 "$logs/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "pulse: $name did not become healthy; see $logs/$name.log" >&2
  exit 1
}

start_service ingest 9464
start_service trainer 9465 TRAINER_HTTP_PORT="${TRAINER_HTTP_PORT:-8090}"
start_service gateway 9466 GATEWAY_HTTP_PORT="${GATEWAY_HTTP_PORT:-8080}"
start_service anomaly 9467
start_service forecast 9468 FORECAST_HTTP_PORT="${FORECAST_HTTP_PORT:-8091}"
start_service feedback 9469 FEEDBACK_HTTP_PORT="${FEEDBACK_HTTP_PORT:-8092}"

node dist/libs/generator/cli/generate.cli.js --live --history-days 180 --scenario all \
  --labels-out "$logs/incident-labels.json" >"$logs/generate.log" 2>&1 &
pids+=($!)

ch="$CLICKHOUSE_URL/?database=$CLICKHOUSE_DATABASE"
cat >&2 <<INFO

Pulse is running.
  Kafka            $KAFKA_BROKERS   (topics sales, products, request-log, feedback, … and <topic>.dlq)
  Schema registry  $SCHEMA_REGISTRY_URL/subjects
  ClickHouse       $CLICKHOUSE_URL  (database $CLICKHOUSE_DATABASE)
  Metrics/health   http://127.0.0.1:9464 (ingest), :9465 (trainer), :9466 (gateway), :9467 (anomaly), :9468 (forecast), :9469 (feedback) — /metrics, /health
  Trainer API      http://127.0.0.1:${TRAINER_HTTP_PORT:-8090}/schedules   /models/request-risk/versions
  Gateway API      POST http://127.0.0.1:${GATEWAY_HTTP_PORT:-8080}/api/requests/risk
  Demand forecast  http://127.0.0.1:${FORECAST_HTTP_PORT:-8091}/  (page: forecast chart, CSV upload and retraining progress)
                   topic forecasts, table forecasts
  Anomalies        topic anomalies, table anomalies
  Feedback / ML    http://127.0.0.1:${FEEDBACK_HTTP_PORT:-8092}/api/ml/…  (reward model learning from the feedback topic; prompt
                   optimisation, style profiles, validation, diverse selection, user clusters)
  Grafana          dashboards in deploy/grafana/dashboards (ingest, anomalies, forecasts)
  Logs             $logs/ (ingest.log, trainer.log, gateway.log, anomaly.log, forecast.log, feedback.log, generate.log, incident-labels.json)

Try:
  curl '$ch&query=SELECT+count()+FROM+request_log+FINAL'
  curl '$ch&query=SELECT+date,sum(units)+FROM+sales_daily+GROUP+BY+date+ORDER+BY+date+DESC+LIMIT+7+FORMAT+PrettyCompact'
  curl '$ch&query=SELECT+toStartOfMinute(event_time)+m,count(),quantile(0.99)(response_time_ms)+FROM+request_log+GROUP+BY+m+ORDER+BY+m+DESC+LIMIT+5+FORMAT+PrettyCompact'

  curl '$ch&query=SELECT+anomaly_id,argMax(status,revision)+s,any(subject)+subj,argMax(explanation,revision)+why+FROM+anomalies+FINAL+GROUP+BY+anomaly_id+ORDER+BY+max(window_end_ms)+DESC+LIMIT+10+FORMAT+PrettyCompact'

  curl -X POST -H 'content-type: application/json' -d '{"days":7,"category":"Electronics","lead_time_days":5}' \\
       http://127.0.0.1:${FORECAST_HTTP_PORT:-8091}/forecast
  curl -N -F 'file=@my-sales.csv' http://127.0.0.1:${FORECAST_HTTP_PORT:-8091}/retrain

  curl -X POST -H 'content-type: application/json' \\
       -d '{"user_id":"u-000001","base_prompt":"black midi dress, studio lighting","vlt_spec":{"garment_type":"dress","color_primary":"black","style_overall":"elegant"}}' \\
       http://127.0.0.1:${FEEDBACK_HTTP_PORT:-8092}/api/ml/prompt/optimize

  curl -X POST 'http://127.0.0.1:${TRAINER_HTTP_PORT:-8090}/schedules/request-risk/trigger?wait=true'
  curl -X POST -H 'content-type: application/json' -d '{"service":"api","method":"POST","response_time_ms":900}' \\
       http://127.0.0.1:${GATEWAY_HTTP_PORT:-8080}/api/requests/risk

A first request-risk model and the anomaly service's per-request forests are trained after a minute
of traffic, then a first demand-forecast model on the 180 days of backfilled sales (under a minute;
forecasts then appear on the page, the forecasts topic and table). The windowed anomaly baselines
learn online: alerts begin after about 100 minutes (the likelihood's probation), and time-of-day
baselines after a day. Every 10 s a line below shows rows stored per table. Ctrl-C to stop.
INFO

( sleep 60 && for model in request-risk request-outliers demand-forecast; do
    curl -fsS -X POST "http://127.0.0.1:${TRAINER_HTTP_PORT:-8090}/schedules/$model/trigger?wait=true" >"$logs/first-training-$model.json" 2>&1 \
      && echo "pulse: first $model training: $(cat "$logs/first-training-$model.json")" >&2
  done ) &
first_training=$!

while true; do
  sleep 10
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "pulse: a process exited; see $logs" >&2; exit 1; }; done
  counts=$(curl -fsS "$ch" --data-binary "SELECT arrayStringConcat(groupArray(concat(table, '=', toString(rows))), '  ') FROM (SELECT table, sum(rows) AS rows FROM system.parts WHERE database = '$CLICKHOUSE_DATABASE' AND active GROUP BY table ORDER BY table)" 2>/dev/null || echo "ClickHouse not answering")
  echo "$(date +%T)  $counts" >&2
done

#!/usr/bin/env bash
# The README's test command: installs and starts what the tests need (the same steps as run.sh),
# builds the solution, runs every test project and the benchmarks in smoke mode, and ends with
# a line "N passed, N failed".
#   deploy/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Outbox]
set -euo pipefail
. "$(dirname "$0")/lib/infra.sh"

ensure_infrastructure
drop_leftover_test_databases
install_packages docker-compose kubectl chromium poppler-utils libreoffice-writer-nogui python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc nghttp2-client
for peers in "$ROOT"/tests/*/peers/install.sh; do [ -e "$peers" ] && bash "$peers"; done

export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Database=postgres;Username=$PG_ROLE;Password=$PG_PASSWORD;Include Error Detail=true"
export PLATFORM_TEST_POSTGRES_TEMPLATE=platform_test_template
export PLATFORM_TEST_RABBITMQ_HOST=127.0.0.1 PLATFORM_TEST_RABBITMQ_PORT=5672
export PLATFORM_TEST_RABBITMQ_USER=$RABBIT_USER PLATFORM_TEST_RABBITMQ_PASSWORD=$RABBITMQ_PASSWORD
export PLATFORM_TEST_RABBITMQ_MANAGEMENT=http://127.0.0.1:15672/

build_solution Debug

results="$LOCAL/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
bench_passed=0; bench_failed=0

# Tests that stop the real broker run alone, after the rest, so they cannot disturb other classes.
log "running tests"
(cd "$ROOT" && dotnet test Platform.sln --no-build -nologo -v q --filter "Category!=BrokerOutage&Category!=Portal&Category!=EndToEnd" \
  --logger "trx" --results-directory "$results/main" "$@") || status=1
log "running broker-outage tests"
(cd "$ROOT" && dotnet test tests/BuildingBlocks.Tests --no-build -nologo -v q --filter "Category=BrokerOutage" \
  --logger "trx" --results-directory "$results/outage" "$@") || status=1

# The portal in a real browser against the platform as deploy/run.sh starts it (demo data included).
log "starting the platform for the portal tests"
if bash "$ROOT/deploy/run.sh" > "$LOCAL/run-for-tests.log" 2>&1; then
  (cd "$ROOT" && PORTAL_URL=http://127.0.0.1:8080 PLATFORM_CREDENTIALS="$LOCAL/credentials.env" \
    dotnet test tests/Portal.Tests -c Release -nologo -v q --filter "Category=Portal" \
    --logger "trx" --results-directory "$results/portal" "$@") || status=1
  # Then faults, load and fuzz against the same running platform: they kill and restart services, stop
  # RabbitMQ and restart PostgreSQL, so they come last and one at a time.
  log "end-to-end fault, load and fuzz tests"
  rm -f "$LOCAL/e2e-results.txt"
  (cd "$ROOT" && PLATFORM_CREDENTIALS="$LOCAL/credentials.env" \
    dotnet test tests/EndToEnd.Tests -c Release -nologo -v q \
    --logger "trx" --results-directory "$results/e2e" "$@") || status=1
  [ -f "$LOCAL/e2e-results.txt" ] && cat "$LOCAL/e2e-results.txt"
else
  echo "deploy/run.sh failed; see $LOCAL/run-for-tests.log" >&2; tail -20 "$LOCAL/run-for-tests.log" >&2
  bench_failed=$((bench_failed+1)); status=1
fi
bash "$ROOT/deploy/run.sh" stop > /dev/null 2>&1 || true

log "validating compose.yaml"
# compose takes every process's public identity key beside its private one (run.sh derives them the same way).
for unit in GATEWAY CATALOGUE LABOUR ZONES REPORTING; do
  key="INTERNAL_KEY_$unit"; export "INTERNAL_PUBLIC_$unit=$(printf '%b' "${!key}" | openssl pkey -pubout | awk '{printf "%s\\n", $0}')"
done

if (cd "$ROOT" && docker-compose -f compose.yaml config -q); then bench_passed=$((bench_passed+1)); else bench_failed=$((bench_failed+1)); status=1; fi

log "validating the Kubernetes overlays"
if bash "$ROOT/deploy/k8s/validate.sh"; then bench_passed=$((bench_passed+1)); else bench_failed=$((bench_failed+1)); status=1; fi

if [ -d "$ROOT/tests/Benchmarks" ]; then
  log "benchmarks (smoke mode)"
  if (cd "$ROOT" && dotnet run --project tests/Benchmarks -c Release -- --smoke); then
    bench_passed=$((bench_passed+1)); else bench_failed=$((bench_failed+1)); status=1; fi
fi

# Every failed test with its message, read from the TRX files (the console runs are quiet).
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sorted(glob.glob(sys.argv[1] + "/*/*.trx")):
    for r in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") not in ("Failed", "Error", "Timeout"): continue
        message = r.find(".//t:ErrorInfo/t:Message", ns)
        print(f"FAILED {r.get('testName')}\n  " + (message.text or "").strip().replace("\n", "\n  ")[:4000], file=sys.stderr)
PY

# Sum the TRX counters of every test run.
read -r passed failed < <(
  cat "$results"/*/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | \
  awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
         if (kv[1] == "passed") p += kv[2]; if (kv[1] == "failed") f += kv[2]; if (kv[1] == "error") f += kv[2]; if (kv[1] == "timeout") f += kv[2]; } }
       END { print p + 0, f + 0 }')
passed=$((passed + bench_passed)); failed=$((failed + bench_failed))
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && { echo "no test ran" >&2; status=1; }
echo "$passed passed, $failed failed"
exit $status

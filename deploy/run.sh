#!/usr/bin/env bash
# Brings the whole platform up on this machine without Docker:
#   deploy/run.sh        install what is missing, start PostgreSQL and RabbitMQ, build, start every
#                        service and the gateway in the background, wait until healthy, load demo data
#   deploy/run.sh stop   stop what it started
#   deploy/run.sh kill NAME           kill one service at once (SIGKILL: what a crash looks like)
#   deploy/run.sh start-service NAME  start one stopped service again (no build) and wait until it is live
# Running it again is harmless: what runs and is healthy is left alone.
set -euo pipefail
. "$(dirname "$0")/lib/infra.sh"

declare -A PROJECT=([catalogue]=Catalogue [labour]=LabourMarket [zones]=Zones [reporting]=Reporting)
declare -A HTTP_PORT=([catalogue]=5101 [labour]=5201 [zones]=5301 [reporting]=5401 [gateway]=8080)
declare -A GRPC_PORT=([catalogue]=5102 [labour]=5202 [zones]=5302 [reporting]=5402 [gateway]=8081)
PIDS="$LOCAL/pids"
# The internal identity settings of process NAME: its own private key, its name, every signer's public key.
INTERNAL_ENV=()
internal_identity_env() {
  local name=$1 own="INTERNAL_KEY_${1^^}" signer key
  INTERNAL_ENV=("Auth__Internal__SigningKey=${!own}" "Auth__Internal__Signer=$name")
  for signer in gateway "${SERVICES[@]}"; do
    key="INTERNAL_KEY_${signer^^}"
    INTERNAL_ENV+=("Auth__Internal__TrustedKeys__$signer=$(printf '%b' "${!key}" | openssl pkey -pubout | awk '{printf "%s\\n", $0}')")
  done
}

GATEWAY_ENV=()
gateway_env() {
  internal_identity_env gateway
  GATEWAY_ENV=("ConnectionStrings__Database=Host=127.0.0.1;Port=5432;Database=platform_gateway;Username=platform_gateway;Password=$PG_PASSWORD_GATEWAY"
    "${INTERNAL_ENV[@]}" "Auth__Oidc__SigningKey=$OIDC_SIGNING_KEY" "Auth__Oidc__EncryptionKey=$OIDC_ENCRYPTION_KEY")
  # A county's own identity provider beside the gateway's (its role and territory claims mapped by Auth__Jwt__Roles__*).
  [ -n "${JWT_AUTHORITY:-}" ] && GATEWAY_ENV+=("Auth__Jwt__Authority=$JWT_AUTHORITY")
  # Only the gateway may face the network (PLATFORM_PUBLIC_ADDRESS=0.0.0.0, say); everything else stays on loopback.
  if [ -n "${PLATFORM_PUBLIC_ADDRESS:-}" ]; then
    GATEWAY_ENV+=("Kestrel__Endpoints__Http__Url=http://$PLATFORM_PUBLIC_ADDRESS:8080" "Kestrel__Endpoints__Grpc__Url=http://$PLATFORM_PUBLIC_ADDRESS:8081")
    # The portal's sign-in returns to the address it was opened from: every name and address of this machine.
    local i=2 origin
    for origin in 127.0.0.1 localhost "$(hostname)" $(hostname -I 2>/dev/null); do
      case $origin in *:*) origin="[$origin]" ;; esac # an IPv6 address goes in brackets
      GATEWAY_ENV+=("Auth__Oidc__PortalOrigins__$i=http://$origin:8080"); i=$((i + 1))
    done
  fi
  # The maps draw the PRG voivodeship outlines when the operator has them (PLATFORM_PRG_DIR, else
  # ../shared/data/prg/ beside the checkout); without them the maps show gminy and motorways only.
  local prg=${PLATFORM_PRG_DIR:-$ROOT/../shared/data/prg}
  if [ -f "$prg/wojewodztwa.geojson" ]; then
    GATEWAY_ENV+=("Portal__VoivodeshipOutlinesFile=$(cd "$prg" && pwd)/wojewodztwa.geojson")
  fi
}
gateway_cli() { (cd "$ROOT/gateway/Gateway/bin/Release/net10.0" || exit 1; drop_secrets; export "${GATEWAY_ENV[@]}"; exec dotnet Gateway.dll "$@"); }

# Unsets every variable the secrets file defines (ensure_secrets exported them for this script's own use).
drop_secrets() {
  local name
  for name in $(cut -s -d= -f1 "$SECRETS_FILE"); do unset "$name"; done
}
LOGS="$LOCAL/logs"

is_running() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

stop_all() {
  local name
  # Signal all first (graceful shutdown in parallel), then wait for each.
  for name in gateway "${SERVICES[@]}"; do
    is_running "$name" && { log "stopping $name"; kill "$(cat "$PIDS/$name.pid")" 2>/dev/null || true; }
  done
  for name in gateway "${SERVICES[@]}"; do
    for _ in $(seq 1 40); do is_running "$name" || break; sleep 0.5; done
    is_running "$name" && kill -9 "$(cat "$PIDS/$name.pid")" 2>/dev/null || true
    rm -f "$PIDS/$name.pid"
  done
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start NAME DLL_DIR DLL [ENV=value …]
start_process() {
  local name=$1 dir=$2 dll=$3; shift 3
  if is_running "$name"; then log "$name already running"; return; fi
  # Another copy of the platform (another checkout) would answer our health checks and hide a failed start.
  local port
  for port in "${HTTP_PORT[$name]}" "${GRPC_PORT[$name]}"; do
    port_in_use "$port" && die "port $port (for $name) is taken by another process: stop it first (another checkout's deploy/run.sh stop?)"
  done
  log "starting $name"
  rotate_log "$LOGS/$name.log"
  # The process gets only what it is given here: the secrets file's variables are dropped from the inherited
  # environment, and the given ones are exported by the shell (never on a command line, where ps shows them).
  (umask 077; cd "$dir" || exit 1; drop_secrets; export "$@" ASPNETCORE_ENVIRONMENT=Production
   exec nohup dotnet "$dll" >>"$LOGS/$name.log" 2>&1) &
  echo $! > "$PIDS/$name.pid"
}

wait_healthy() {
  local name=$1 url=$2
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$url" && { log "$name healthy"; return 0; }
    is_running "$name" || die "$name exited; see $LOGS/$name.log"
    sleep 1
  done
  die "$name not healthy after 120 s; see $LOGS/$name.log"
}

# The TERYT register labour loads at start when it holds none: the operator's GUS file (PLATFORM_TERC_FILE,
# else the newest ../shared/data/teryt/TERC*.csv beside the checkout), or without one the built-in demo subset.
terc_file() {
  if [ -n "${PLATFORM_TERC_FILE:-}" ]; then
    [ -f "$PLATFORM_TERC_FILE" ] || die "PLATFORM_TERC_FILE=$PLATFORM_TERC_FILE: no such file"
    echo "$PLATFORM_TERC_FILE"; return
  fi
  ls -1 "$ROOT"/../shared/data/teryt/TERC*.csv 2>/dev/null | sort | tail -1 || true
}

start_service() {
  local name=$1 p=${PROJECT[$1]} extra=() db_password="PG_PASSWORD_${1^^}" broker_password="RABBITMQ_PASSWORD_${1^^}"
  internal_identity_env "$name"
  if [ "$name" = labour ]; then
    local terc; terc=$(terc_file)
    if [ -n "$terc" ]; then
      terc=$(cd "$(dirname "$terc")" && pwd)/$(basename "$terc")
      log "rejestr TERYT: pełny plik $terc"; extra=("Territory__TercFile=$terc")
    else
      log "rejestr TERYT: brak pliku TERC (PLATFORM_TERC_FILE albo ../shared/data/teryt/) — podzbiór demonstracyjny (powiat chrzanowski)"
    fi
  fi
  start_process "$name" "$ROOT/services/$p/$p.Api/bin/Release/net10.0" "$p.Api.dll" \
    "ConnectionStrings__Database=Host=127.0.0.1;Port=5432;Database=platform_$name;Username=platform_$name;Password=${!db_password}" \
    "RabbitMq__Username=platform-$name" "RabbitMq__Password=${!broker_password}" "RabbitMq__VirtualHost=$RABBIT_VHOST" \
    "${INTERNAL_ENV[@]}" ${extra[@]+"${extra[@]}"}
}

# Logs are the owner's only (0600 in a 0700 folder) and rotated at each start: the last five runs are kept.
rotate_log() {
  local file=$1 i
  chmod 700 "$(dirname "$file")"
  if [ -s "$file" ]; then
    for i in 4 3 2 1; do [ -f "$file.$i" ] && mv -f "$file.$i" "$file.$((i + 1))"; done
    mv -f "$file" "$file.1"
  fi
  (umask 077; touch "$file"); chmod 600 "$file"
}

start_all() {
  mkdir -p "$PIDS" "$LOGS"
  local name
  # Reporting first: its queues must be bound before the others publish their demo data's events
  # at start-up (an event published to an exchange with no queue bound is gone).
  # Labour last: it publishes the TERYT register at its first start, and the copies in catalogue and
  # zones (whose demo data waits for it) must have their queues bound by then.
  start_service reporting
  wait_healthy reporting "http://127.0.0.1:${HTTP_PORT[reporting]}/health/ready"
  for name in catalogue zones; do start_service "$name"; done
  for name in catalogue zones; do wait_healthy "$name" "http://127.0.0.1:${HTTP_PORT[$name]}/health/ready"; done
  start_service labour
  start_process gateway "$ROOT/gateway/Gateway/bin/Release/net10.0" Gateway.dll "${GATEWAY_ENV[@]}"
  wait_healthy labour "http://127.0.0.1:${HTTP_PORT[labour]}/health/ready"
  wait_healthy gateway "http://127.0.0.1:8080/healthz"
}

# Catalogue and zones import their demo data once their copy of the TERYT register has arrived from labour:
# the portal and the tests need it there when this script returns.
wait_demo_data() {
  local what
  for what in catalogue/strategies zones; do
    for i in $(seq 1 180); do
      curl -sf "http://127.0.0.1:8080/api/v1/$what?pageSize=1" | grep -q '"items":\[{' && break
      [ "$i" = 180 ] && die "demo data of /api/v1/$what not there after 180 s; see $LOGS/"
      sleep 1
    done
  done
  log "demo data in place"
}

# Each service's issue adds its demo data as deploy/demo-data/NN-name.sh (sourced in order, idempotent).
load_demo_data() {
  local script
  for script in "$ROOT"/deploy/demo-data/*.sh; do
    [ -e "$script" ] || continue
    log "demo data: $(basename "$script")"
    # shellcheck disable=SC1090
    . "$script"
  done
}

# Demo identities: a fresh PUP key each run (earlier demo keys are revoked: only the hash was kept); the demo users'
# accounts with a one-time password each (a new one each run until the person has set their own); and their access
# tokens for scripts, issued by the gateway's OpenID Connect provider.
DEMO_USERS=(
  "COORDINATOR|koordynator.chrzanow|Koordynator strategii (Powiat Chrzanowski)|coordinator|1203"
  "PLANNER_TRZEBINIA|planista.trzebinia|Planista (Gmina Trzebinia)|planner|120305"
  "PLANNER_LIBIAZ|planista.libiaz|Planista (Gmina Libiąż)|planner|120304"
  "ANALYST|analityk|Analityk|analyst|1203"
  "ADMIN|admin|Administrator|admin|"
)
write_credentials() {
  local prefix
  for prefix in $(gateway_cli keys list | awk -F'\t' '$2 == "demo: PUP Chrzanów" && $6 == "aktywny" {print $1}'); do
    gateway_cli keys revoke --prefix "$prefix" >/dev/null
  done
  local pup_key user name login display role territory password
  pup_key=$(gateway_cli keys create --name "demo: PUP Chrzanów" --role labour-office --territory 1203 2>/dev/null)
  umask 077
  {
    echo "GATEWAY_URL=http://127.0.0.1:8080"
    echo "GATEWAY_GRPC=http://127.0.0.1:8081"
    echo "PUP_CHRZANOW_API_KEY=$pup_key"
    for user in "${DEMO_USERS[@]}"; do
      IFS='|' read -r name login display role territory <<< "$user"
      password=$(gateway_cli users ensure --login "$login" --name "$display" --role "$role" --territory "$territory")
      echo "${name}_LOGIN=$login"
      # Empty once the person has set their own password (the portal asks for a new one at the first sign-in).
      echo "${name}_ONE_TIME_PASSWORD=$password"
      echo "${name}_TOKEN=$(gateway_cli tokens issue --login "$login")"
    done
    echo "RABBITMQ_MANAGEMENT_URL=http://127.0.0.1:15672"
    echo "RABBITMQ_USER=$RABBIT_USER"
    echo "RABBITMQ_PASSWORD=$RABBITMQ_PASSWORD"
  } > "$LOCAL/credentials.env"
}

case "${1:-start}" in
  stop) stop_all ;;
  start)
    ensure_infrastructure
    gateway_env
    build_solution Release
    start_all
    wait_demo_data
    load_demo_data
    write_credentials
    cat <<MSG

The platform is up.
  REST API and portal : http://127.0.0.1:8080/        (health: http://127.0.0.1:8080/healthz)
  gRPC (h2c)          : 127.0.0.1:8081
  RabbitMQ management : http://127.0.0.1:15672/       (user $RABBIT_USER)
  logs                : $LOGS/
  credentials         : $LOCAL/credentials.env
    names only (values stay in the file): $(cut -d= -f1 "$LOCAL/credentials.env" | paste -sd' ' -)
Stop it with: deploy/run.sh stop
MSG
    ;;
  kill)
    name=${2:?usage: deploy/run.sh kill NAME}
    is_running "$name" && { log "killing $name"; kill -9 "$(cat "$PIDS/$name.pid")"; }
    for _ in $(seq 1 20); do is_running "$name" || break; sleep 0.2; done
    rm -f "$PIDS/$name.pid"
    ;;
  start-service)
    # After a crash: the service comes back with the same settings. Live is enough: a service whose broker
    # is down still serves (its outbox keeps what it accepts), it is only not "ready".
    name=${2:?usage: deploy/run.sh start-service NAME}
    ensure_secrets; gateway_env
    mkdir -p "$PIDS" "$LOGS"
    if [ "$name" = gateway ]; then
      start_process gateway "$ROOT/gateway/Gateway/bin/Release/net10.0" Gateway.dll "${GATEWAY_ENV[@]}"
      wait_healthy gateway "http://127.0.0.1:8080/"
    else
      [ -n "${PROJECT[$name]:-}" ] || die "unknown service $name (one of: ${SERVICES[*]} gateway)"
      start_service "$name"
      wait_healthy "$name" "http://127.0.0.1:${HTTP_PORT[$name]}/health/live"
    fi
    ;;
  token)
    # An access token for LOGIN from the running gateway's provider; with ROLE and TERRITORY the account is made
    # when missing (the end-to-end tests act as many people this way).
    # "token -" reads "LOGIN ROLE TERRITORY" lines from standard input and prints a token a line.
    login=${2:?usage: deploy/run.sh token LOGIN [ROLE TERRITORY] | token - < accounts}
    ensure_secrets >/dev/null; gateway_env
    if [ "$login" = - ]; then gateway_cli tokens issue --stdin yes
    elif [ -n "${3:-}" ]; then gateway_cli tokens issue --login "$login" --role "$3" --territory "${4:-}"
    else gateway_cli tokens issue --login "$login"; fi
    ;;
  *) die "usage: deploy/run.sh [start|stop|kill NAME|start-service NAME|token LOGIN [ROLE TERRITORY]]" ;;
esac

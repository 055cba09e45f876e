#!/usr/bin/env bash
# Local infrastructure without Docker, shared by deploy/run.sh and deploy/test.sh.
# Every function is idempotent: running it again changes nothing that is already in place.

set -E
trap 'printf "error: %s:%s: %s\n" "${BASH_SOURCE[0]}" "$LINENO" "$BASH_COMMAND" >&2' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/.local"
SERVICES=(catalogue labour zones reporting)
DATABASES=(catalogue labour zones reporting gateway)
PG_ROLE=platform
RABBIT_USER=platform
RABBIT_VHOST=platform

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the platform needs; installed only when missing.
install_packages() {
  local wanted=("$@") missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_infrastructure() {
  # chromium prints the reports to PDF (reporting); DejaVu gives it Polish glyphs on a bare machine.
  install_packages postgresql postgresql-15-postgis-3 rabbitmq-server curl openssl chromium fonts-dejavu-core
  # The gateway's build bundles the portal's npm libraries (gateway/Portal); Debian's Node.js unless one is there.
  command -v npm >/dev/null 2>&1 || install_packages nodejs npm
}

# Random local passwords, made once per machine (the servers are per machine, so every checkout
# must agree on them) and kept outside the repository, readable by the owner only.
SECRETS_FILE="${PLATFORM_SECRETS_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/platform/secrets.env}"
ensure_secrets() {
  mkdir -p "$LOCAL" "$(dirname "$SECRETS_FILE")"
  ( umask 077; touch "$SECRETS_FILE" )
  # Add whatever secret is missing (older files lack newer ones); existing values are kept.
  add_secret PG_PASSWORD "$(openssl rand -hex 16)"
  add_secret RABBITMQ_PASSWORD "$(openssl rand -hex 16)"
  # One database role and one broker user per service, each with its own password (a process gets its own only).
  local unit
  for unit in "${DATABASES[@]}"; do add_secret "PG_PASSWORD_${unit^^}" "$(openssl rand -hex 16)"; done
  for unit in "${SERVICES[@]}"; do add_secret "RABBITMQ_PASSWORD_${unit^^}" "$(openssl rand -hex 16)"; done
  # The gateway's OpenID Connect provider: the key that signs people's tokens (P-256) and the one that encrypts
  # authorization codes and refresh tokens.
  add_secret OIDC_SIGNING_KEY "'$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | awk '{printf "%s\\n", $0}')'"
  add_secret OIDC_ENCRYPTION_KEY "$(openssl rand -base64 32 | tr -d '\n')"
  # Each process's own internal identity key (P-256, PEM on one line with \n): the gateway's vouches for callers, a
  # service's for that service only; the others get its public half.
  for unit in gateway "${SERVICES[@]}"; do
    add_secret "INTERNAL_KEY_${unit^^}" "'$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | awk '{printf "%s\\n", $0}')'"
  done
  # shellcheck disable=SC1090
  set -a; . "$SECRETS_FILE"; set +a
}

add_secret() { grep -q "^$1=" "$SECRETS_FILE" || echo "$1=$2" >> "$SECRETS_FILE"; }

start_postgres() {
  if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
    as_root pg_createcluster 15 main >/dev/null
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    log "starting PostgreSQL"
    as_root service postgresql start >/dev/null
    for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
    pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL did not start"
  fi
}

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"; }

# The platform's role, one database per service (PostGIS where needed) and a template for tests.
# Each service's database is owned by the service's own role (LOGIN, no CREATEDB, no other database); the role
# "platform" (CREATEDB, a member of every service role) is the tests' and operators' only: it makes the per-test
# databases from the template and reads the services' databases in the end-to-end tests.
prepare_databases() {
  psql_admin "-d postgres" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
  local db unit password
  for unit in "${DATABASES[@]}"; do
    password="PG_PASSWORD_${unit^^}"
    psql_admin "-d postgres" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_$unit') THEN
    CREATE ROLE platform_$unit LOGIN NOCREATEDB NOCREATEROLE PASSWORD '${!password}';
  ELSE
    ALTER ROLE platform_$unit LOGIN NOCREATEDB NOCREATEROLE PASSWORD '${!password}';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE platform_$unit OWNER platform_$unit' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'platform_$unit')
\gexec
SQL
    # A database made before the roles were split: its objects move to the service's role (REASSIGN moves the
    # databases "platform" owns too, so their owners are put back below).
    if [ "$(psql_admin "-d platform_$unit" <<< "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = '$PG_ROLE';")" != 0 ]; then
      psql_admin "-d platform_$unit" <<< "REASSIGN OWNED BY $PG_ROLE TO platform_$unit;"
      psql_admin "-d postgres" <<< "SELECT format('ALTER DATABASE %I OWNER TO $PG_ROLE', datname) FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = 'platform_$unit' AND datname <> 'platform_$unit'
\gexec"
    fi
  done
  for unit in "${DATABASES[@]}"; do
    # REASSIGN also moves databases: each gets its own owner back; nobody else may connect.
    psql_admin "-d postgres" <<SQL
ALTER DATABASE platform_$unit OWNER TO platform_$unit;
REVOKE CONNECT, TEMPORARY ON DATABASE platform_$unit FROM PUBLIC;
GRANT platform_$unit TO $PG_ROLE;
SQL
  done
  psql_admin "-d postgres" <<SQL
SELECT 'CREATE DATABASE platform_test_template OWNER $PG_ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'platform_test_template')
\gexec
SQL
  # PostGIS needs a superuser to create; services then find it in place.
  psql_admin "-d platform_zones" <<< "CREATE EXTENSION IF NOT EXISTS postgis;"
  psql_admin "-d platform_test_template" <<< "CREATE EXTENSION IF NOT EXISTS postgis;"
}

# Test databases left behind by an interrupted run (named t_<class>_<guid> by the test fixtures).
drop_leftover_test_databases() {
  psql_admin "-d postgres" <<'SQL'
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datname LIKE 't\_%'
\gexec
SQL
}

# The broker, its management, epmd and Erlang distribution listen on loopback only, unless PLATFORM_BROKER_ADDRESS
# names another address (a broker shared by hosts). A change of address restarts the broker.
configure_rabbitmq_listeners() {
  local address="${PLATFORM_BROKER_ADDRESS:-127.0.0.1}" conf env changed=0
  local erl_address="{${address//./,}}"
  conf=$(printf '%s\n' "# Written by deploy/lib/infra.sh" "listeners.tcp.1 = $address:5672" "management.tcp.ip = $address" "management.tcp.port = 15672" "loopback_users = none")
  env=$(printf '%s\n' "# Written by deploy/lib/infra.sh" "NODE_IP_ADDRESS=$address" "ERL_EPMD_ADDRESS=$address" \
    "SERVER_ADDITIONAL_ERL_ARGS=\"-kernel inet_dist_use_interface $erl_address\"" "CTL_ERL_ARGS=\"-kernel inet_dist_use_interface $erl_address\"")
  as_root mkdir -p /etc/rabbitmq
  [ "$(cat /etc/rabbitmq/rabbitmq.conf 2>/dev/null)" = "$conf" ] || { printf '%s\n' "$conf" | as_root tee /etc/rabbitmq/rabbitmq.conf >/dev/null; changed=1; }
  [ "$(cat /etc/rabbitmq/rabbitmq-env.conf 2>/dev/null)" = "$env" ] || { printf '%s\n' "$env" | as_root tee /etc/rabbitmq/rabbitmq-env.conf >/dev/null; changed=1; }
  if [ "$changed" = 1 ] && as_root rabbitmqctl -q status >/dev/null 2>&1; then
    log "RabbitMQ: listening on $address only (restart)"
    as_root service rabbitmq-server stop >/dev/null 2>&1 || true
    as_root pkill -x epmd >/dev/null 2>&1 || true
  fi
}

# Each service's broker user may declare, publish and consume its own exchanges and queues only: it publishes its
# own events (Platform.Contracts.Events.<Service>.*), binds its queues to others' events, and nothing else.
rabbit_permissions() {
  local unit=$1 own events
  case "$unit" in
    catalogue) events='Catalogue' ;;
    labour) events='Labour|Territory' ;;
    zones) events='Zones' ;;
    reporting) events='Reporting' ;;
  esac
  # MassTransit:Fault--…: the fault event MassTransit publishes when a consumer gives up (then the message goes to the
  # _error queue); nobody consumes those, but a refused publish would leave the message redelivered for ever.
  own="^($unit-.*|Platform\\.Contracts\\.Events\\.($events)\\..*|Platform\\.Contracts\\.Events:IIntegrationEvent|MassTransit:Fault.*)\$"
  # configure: declare its queues and the exchanges of the events it publishes or binds to; write: publish its own
  # events, bind into its own queues; read: consume its queues, bind from any event exchange.
  as_root rabbitmqctl -q set_permissions -p "$RABBIT_VHOST" "platform-$unit" \
    "^($unit-.*|Platform\\.Contracts\\.Events.*|MassTransit:Fault.*)\$" "$own" "^($unit-.*|Platform\\.Contracts\\.Events.*|MassTransit:Fault.*)\$" >/dev/null
}

start_rabbitmq() {
  configure_rabbitmq_listeners
  if ! as_root rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ"
    as_root rabbitmq-plugins --offline enable rabbitmq_management >/dev/null 2>&1 || true
    as_root service rabbitmq-server start >/dev/null
  fi
  as_root rabbitmqctl -q await_startup >/dev/null || die "RabbitMQ did not start"
  as_root rabbitmq-plugins -q enable rabbitmq_management >/dev/null 2>&1 || true
  # Read once, then searched: grep -q leaving a pipe early kills rabbitmqctl (SIGPIPE), which pipefail reports.
  local users; users=$(as_root rabbitmqctl -q list_users)
  if ! grep -q "^$RABBIT_USER[[:space:]]" <<< "$users"; then
    as_root rabbitmqctl -q add_user "$RABBIT_USER" "$RABBITMQ_PASSWORD" >/dev/null
  else
    as_root rabbitmqctl -q change_password "$RABBIT_USER" "$RABBITMQ_PASSWORD" >/dev/null
  fi
  # The operators' and tests' administrator (tests create and delete a virtual host per test class through the
  # management API); no service connects as it.
  as_root rabbitmqctl -q set_user_tags "$RABBIT_USER" administrator >/dev/null
  as_root rabbitmqctl -q add_vhost "$RABBIT_VHOST" >/dev/null 2>&1 || true
  as_root rabbitmqctl -q set_permissions -p "$RABBIT_VHOST" "$RABBIT_USER" ".*" ".*" ".*" >/dev/null
  local unit password
  for unit in "${SERVICES[@]}"; do
    password="RABBITMQ_PASSWORD_${unit^^}"
    if ! grep -q "^platform-$unit[[:space:]]" <<< "$users"; then
      as_root rabbitmqctl -q add_user "platform-$unit" "${!password}" >/dev/null
    else
      as_root rabbitmqctl -q change_password "platform-$unit" "${!password}" >/dev/null
    fi
    as_root rabbitmqctl -q set_user_tags "platform-$unit" >/dev/null # no management, no administrator
    rabbit_permissions "$unit"
  done
  # The default guest/guest administrator: nothing of the platform uses it, anyone reaching the broker could.
  as_root rabbitmqctl -q delete_user guest >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do
    curl -sf -u "$RABBIT_USER:$RABBITMQ_PASSWORD" http://127.0.0.1:15672/api/overview >/dev/null && return 0
    sleep 1
  done
  die "RabbitMQ management API did not answer"
}

# Everything the platform's servers need, installed and running.
ensure_infrastructure() {
  install_infrastructure
  ensure_secrets
  start_postgres
  prepare_databases
  start_rabbitmq
}

# NuGet restore and build of the whole solution.
build_solution() {
  local configuration="${1:-Release}"
  log "building ($configuration)"
  (cd "$ROOT" && dotnet build Platform.sln -c "$configuration" -nologo -v q -clp:ErrorsOnly) || die "build failed"
}

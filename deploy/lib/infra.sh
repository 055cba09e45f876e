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
  add_secret JWT_SIGNING_KEY "$(openssl rand -base64 48 | tr -d '\n')"
  add_secret INTERNAL_SIGNING_KEY "$(openssl rand -base64 48 | tr -d '\n')"
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
  local db
  for db in "${DATABASES[@]/#/platform_}" platform_test_template; do
    psql_admin "-d postgres" <<SQL
SELECT 'CREATE DATABASE $db OWNER $PG_ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')
\gexec
SQL
  done
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

start_rabbitmq() {
  if ! as_root rabbitmqctl -q status >/dev/null 2>&1; then
    log "starting RabbitMQ"
    as_root rabbitmq-plugins --offline enable rabbitmq_management >/dev/null 2>&1 || true
    as_root service rabbitmq-server start >/dev/null
  fi
  as_root rabbitmqctl -q await_startup >/dev/null || die "RabbitMQ did not start"
  as_root rabbitmq-plugins -q enable rabbitmq_management >/dev/null 2>&1 || true
  if ! as_root rabbitmqctl -q list_users | grep -q "^$RABBIT_USER\b"; then
    as_root rabbitmqctl -q add_user "$RABBIT_USER" "$RABBITMQ_PASSWORD" >/dev/null
  else
    as_root rabbitmqctl -q change_password "$RABBIT_USER" "$RABBITMQ_PASSWORD" >/dev/null
  fi
  # administrator: tests create and delete a virtual host per test class through the management API.
  as_root rabbitmqctl -q set_user_tags "$RABBIT_USER" administrator >/dev/null
  as_root rabbitmqctl -q add_vhost "$RABBIT_VHOST" >/dev/null 2>&1 || true
  as_root rabbitmqctl -q set_permissions -p "$RABBIT_VHOST" "$RABBIT_USER" ".*" ".*" ".*" >/dev/null
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

#!/usr/bin/env bash
# Installs what the independent gRPC peers need, idempotently:
#   Python peer: Debian python3-grpcio and python3-protobuf (run with /usr/bin/python3), and
#                protobuf-compiler + protobuf-compiler-grpc, with which it compiles the protos at start
#                (libprotobuf-dev has the google/protobuf/*.proto they import; only recommended by protoc);
#   Node peer:   npm ci in peers/node (@grpc/grpc-js, @grpc/proto-loader, protobufjs,
#                grpc-health-check, grpc-js-reflection-client; also what bench-echo-server.js uses).
# apt-get runs only when a package is missing (apt-get update first, as root or via sudo); npm ci
# only when node_modules is older than package-lock.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
apt_packages=(python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev)

missing=()
for pkg in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  sudo=""
  if [[ "$(id -u)" != "0" ]]; then
    sudo="sudo"
  fi
  echo "install.sh: installing ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install.sh: Debian packages already installed"
fi

/usr/bin/python3 -c 'import grpc, google.protobuf' \
  || { echo "install.sh: /usr/bin/python3 cannot import grpc" >&2; exit 1; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install.sh: node and npm must be on PATH" >&2
  exit 1
fi

cd "$here/node"
# npm ci writes node_modules/.package-lock.json; newer than the lock file = installed from it.
if [[ -f node_modules/@grpc/grpc-js/package.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  echo "install.sh: node_modules up to date"
else
  npm ci --no-audit --no-fund
fi

#!/usr/bin/env bash
# Renders every overlay with kubectl's kustomize and checks the output against the Kubernetes API
# schemas offline (validate/validate.mjs). Also proves the check bites: a render with a misspelt
# field must fail. Needs kubectl (with kustomize) and node; installs the npm validator if missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v kubectl >/dev/null || { echo "kubectl is missing (Debian package kubectl / kubernetes-client)" >&2; exit 1; }
[ -d "$here/validate/node_modules" ] || (cd "$here/validate" && npm ci --no-audit --no-fund >/dev/null)
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
for overlay in "$here"/overlays/*/; do
  name=$(basename "$overlay")
  kubectl kustomize "$overlay" > "$out/$name.yaml"
  echo "overlay $name: $(grep -c '^kind:' "$out/$name.yaml") objects rendered"
done
node "$here/validate/validate.mjs" "$out"/*.yaml
sed '0,/revisionHistoryLimit:/s//revisionHistoryLimits:/' "$out/production.yaml" > "$out/broken.yaml.bad"
if node "$here/validate/validate.mjs" "$out/broken.yaml.bad" >/dev/null 2>&1; then
  echo "the schema check accepted a misspelt field: it checks nothing" >&2; exit 1
fi
echo "schema check refuses a misspelt field, as it should"

#!/usr/bin/env bash
# The whole suite on a fresh machine: Debian's prometheus + alertmanager if missing, npm ci, build, typecheck, vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
if ! have prometheus || ! have promtool || ! have amtool || ! { have prometheus-alertmanager || have alertmanager; } || ! have victoria-metrics || ! have vmalert || ! have vmauth; then
  echo "test: installing Debian packages prometheus, prometheus-alertmanager and victoria-metrics" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager victoria-metrics >/dev/null
  # The packages start system services on their default ports; the tests start their own servers.
  for svc in prometheus prometheus-alertmanager victoria-metrics; do $sudo systemctl stop "$svc" >/dev/null 2>&1 || true; done
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

npm run build
npm run typecheck

results=$(mktemp)
trap 'rm -f "$results"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# A plain closing line that any CI can read.
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
exit "$status"

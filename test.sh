#!/usr/bin/env bash
# The README's test command: sets up what the suite needs on a Debian machine, then runs the whole suite
# (`./mvnw -B verify`, extra arguments passed on). CI (.ci/run) calls this, so a developer runs exactly what CI runs.
#
# What it sets up, only when missing:
# - a PostgreSQL server to create throw-away databases on: the local cluster is started when it is installed but not
#   running (the suite also takes TEST_DATABASE_URL or a Docker engine; see README.md);
# - Chromium and its driver for the console's browser tests (ConsoleBrowserIT), from Debian's packages. The tests
#   drive the system's browser and never download one; without it they fail rather than skip.
# - nginx, from Debian's package, for the load balancer test of the JavaScript SDK (clients/js), which runs the
#   shipped deploy/nginx.conf as a child process; and Node.js 20 or newer with npm, which that module's tests need
#   (npm ci fetches their two development packages from the npm registry); the docs module needs Node.js
#   and npm too, to validate docs/asyncapi.yaml with the AsyncAPI parser (pinned by docs/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if ls /etc/postgresql >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null; then
    echo "test.sh: starting the local PostgreSQL cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
fi

if [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null; then
    echo "test.sh: installing chromium and chromium-driver (Debian packages) for the browser tests"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver
  else
    echo "test.sh: the browser tests need /usr/bin/chromium and /usr/bin/chromedriver; install them and run again" >&2
    exit 1
  fi
fi

if [ ! -x /usr/sbin/nginx ] || ! command -v npm >/dev/null; then
  if command -v apt-get >/dev/null; then
    echo "test.sh: installing nginx and Node.js (Debian packages) for the JavaScript SDK's tests and the protocol document's validation"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx \
      $(command -v npm >/dev/null || echo nodejs npm)
  else
    echo "test.sh: the SDK's tests need /usr/sbin/nginx, node and npm; install them and run again" >&2
    exit 1
  fi
fi
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "test.sh: the SDK's tests need Node.js 20 or newer; this is $(node --version)" >&2
  exit 1
fi

exec ./mvnw -B verify "$@"

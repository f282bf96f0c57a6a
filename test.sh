#!/usr/bin/env bash
# The README's test command: sets up what the suite needs on a Debian machine, then runs the whole suite
# (`./mvnw -B verify`, extra arguments passed on). CI (.ci/run) calls this, so a developer runs exactly what CI runs.
#
# What it sets up, only when missing:
# - a PostgreSQL server to create throw-away databases on: the local cluster is started when it is installed but not
#   running (the suite also takes TEST_DATABASE_URL or a Docker engine; see README.md);
# - Chromium and its driver for the console's browser tests (ConsoleBrowserIT), from Debian's packages. The tests
#   drive the system's browser and never download one; without it they fail rather than skip;
# - Node.js and npm, from Debian's packages, for the docs module, which validates docs/asyncapi.yaml with the AsyncAPI
#   parser (its npm packages come from the npm registry, at the versions docs/package-lock.json pins).
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

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if command -v apt-get >/dev/null; then
    echo "test.sh: installing nodejs and npm (Debian packages) for the protocol document's validation"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm
  else
    echo "test.sh: the docs module needs node and npm; install them and run again" >&2
    exit 1
  fi
fi

exec ./mvnw -B verify "$@"

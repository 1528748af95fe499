#!/usr/bin/env bash
# Installs the lesson page's pinned packages (package-lock.json) into web/node_modules from the
# npm registry, once: again only when the lockfile is newer than the installed tree. Builds of
# several presets may call it at once; they take turns.
set -euo pipefail
cd "$(dirname "$0")"
exec 9>.npm-install.lock
flock 9
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

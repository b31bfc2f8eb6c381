#!/usr/bin/env bash
# Installs the client libraries of the compatibility suite into CACHE (default:
# target/clients) on first use: a Python venv with simple-salesforce and node_modules with
# jsforce. Later runs find them there and install nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${1:-$here/../../target/clients}"
mkdir -p "$cache"
if [ ! -x "$cache/venv/bin/python" ] || ! "$cache/venv/bin/python" -c 'import simple_salesforce' 2>/dev/null; then
    python3 -m venv "$cache/venv"
    "$cache/venv/bin/pip" install --quiet --disable-pip-version-check simple-salesforce==1.12.10
fi
if [ ! -d "$cache/node_modules/jsforce" ] || ! cmp -s "$here/package.json" "$cache/package.json"; then
    cp "$here/package.json" "$cache/package.json"
    (cd "$cache" && npm install --silent --no-audit --no-fund)
fi

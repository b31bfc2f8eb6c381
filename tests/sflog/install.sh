#!/usr/bin/env bash
# Installs the node tree-sitter bindings and tree-sitter-sfapex (whose sflog grammar parses
# Salesforce debug logs) into CACHE (default: target/sflog) on first use. Both packages build
# native addons with node-gyp against the local Node headers, so the first install needs npm,
# a C/C++ compiler and a few minutes; later runs find them there and install nothing.
# tree-sitter-sfapex 3.0.0 asks for tree-sitter ^0.22.4 as a peer, but only 0.25 reads its
# languages, hence the override in package.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${1:-$here/../../target/sflog}"
mkdir -p "$cache"
# Tests run in parallel: one installs while the others wait for it.
exec 9>"$cache/.install-lock"
flock 9
if [ ! -d "$cache/node_modules/tree-sitter-sfapex" ] || ! cmp -s "$here/package.json" "$cache/package.json"; then
    cp "$here/package.json" "$cache/package.json"
    (cd "$cache" && npm install --silent --no-audit --no-fund)
fi

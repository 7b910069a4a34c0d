# Sourced by serve.sh and test.sh: makes sure this machine has Node >= 22.12, the
# project's packages and (for the end-to-end tests) a Chromium, installing what is
# missing. Node 24 comes from the npm registry's `node` package where the system
# Node is older; Chromium from Debian's package where Playwright cannot download it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'
}
if ! node_ok; then
  node_dir="${AWAITABLE_NODE_DIR:-$HOME/.cache/awaitable-node24}"
  if [ ! -x "$node_dir/node_modules/.bin/node" ]; then
    echo "Installing Node 24 into $node_dir ..."
    mkdir -p "$node_dir"
    npm install --prefix "$node_dir" --no-audit --no-fund node@24 >/dev/null
  fi
  export PATH="$node_dir/node_modules/.bin:$PATH"
  node_ok || { echo "could not provide Node >= 22.12 (found $(node --version 2>/dev/null || echo none))" >&2; exit 1; }
fi

if [ "${AWAITABLE_NEED_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Chromium from Debian's packages ..."
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "apt-get could not install chromium" >&2
fi

# `npm ci` installs exactly what package-lock.json records, and fails when the lock and
# package.json disagree, so a stale lock stops CI instead of being rewritten on the fly.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ "${AWAITABLE_NEED_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  npx playwright install chromium
fi
echo "Using node $(node --version) from $(command -v node)"

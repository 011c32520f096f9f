# Sourced by .ci/run: the OpenAPI document's lint test (OpenApiLintTest) runs Redocly's CLI with its
# recommended rules. Installs a pinned version from the npm registry into a folder of its own (never
# globally), puts it on the PATH, and makes a skipped lint a failure here (UNSTUCK_REQUIRE_TOOLS=1).
# This version needs Node.js 20.19 or later (the machine's is 20.20; Debian's own nodejs, the fallback
# below, is older on bookworm: then pin an older @redocly/cli here).
REDOCLY_VERSION=2.77.0
REDOCLY_DIR="${UNSTUCK_TOOLS_DIR:-${HOME:-/tmp}/.cache/unstuck-tools}/redocly-$REDOCLY_VERSION"
if [ ! -x "$REDOCLY_DIR/node_modules/.bin/redocly" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "ci: installing nodejs and npm from Debian's packages" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "ci: installing @redocly/cli@$REDOCLY_VERSION into $REDOCLY_DIR" >&2
  mkdir -p "$REDOCLY_DIR"
  npm install --prefix "$REDOCLY_DIR" --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >/dev/null
fi
export PATH="$REDOCLY_DIR/node_modules/.bin:$PATH"
export UNSTUCK_REQUIRE_TOOLS=1
echo "ci: redocly $(REDOCLY_SUPPRESS_UPDATE_NOTICE=true redocly --version 2>/dev/null | tail -n 1)" >&2

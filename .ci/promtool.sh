# Sourced by .ci/run: the Prometheus alert rules (deploy/prometheus/) and the live /metrics are checked by
# Debian's promtool (PromtoolTest). Installs the 'prometheus' package when the machine lacks promtool
# (CI machines are fresh), and makes a skipped promtool test a failure here (UNSTUCK_REQUIRE_TOOLS=1).
if ! command -v promtool >/dev/null 2>&1; then
  echo "ci: installing promtool from Debian's prometheus package" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  # The package starts a Prometheus server under systemd where there is one; CI needs only the tool.
  if command -v systemctl >/dev/null 2>&1; then
    systemctl stop prometheus >/dev/null 2>&1 || true
  fi
fi
export UNSTUCK_REQUIRE_TOOLS=1
echo "ci: $(promtool --version 2>&1 | head -n 1)" >&2

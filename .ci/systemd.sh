# Sourced by .ci/run: SystemdUnitsTest rates deploy/systemd's units with `systemd-analyze security
# --offline=yes` (Debian's systemd package; nothing is started). Installs it when the machine lacks it,
# and makes a skipped tool test a failure here (UNSTUCK_REQUIRE_TOOLS=1).
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "ci: installing systemd (for systemd-analyze) from Debian's packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >/dev/null
fi
export UNSTUCK_REQUIRE_TOOLS=1
echo "ci: $(systemd-analyze --version | head -n 1)" >&2

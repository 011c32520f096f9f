# Sourced by .ci/run: the dashboard's browser tests need Debian's Chromium and its chromedriver.
# Installs them when the machine lacks them (CI machines are fresh), and makes a skipped browser test
# a failure here (UNSTUCK_REQUIRE_BROWSER=1), so CI cannot pass without having run them.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "ci: installing chromium and chromium-driver from Debian's packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
export UNSTUCK_REQUIRE_BROWSER=1
# Selenium finds the driver on the PATH; it must never try to download one.
export SE_OFFLINE=true
echo "ci: $(chromium --version 2>/dev/null | tail -n 1), $(chromedriver --version | head -n 1 | cut -d' ' -f1-2)" >&2

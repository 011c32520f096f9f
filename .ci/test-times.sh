#!/usr/bin/env bash
# Prints how long the test command took and the ten slowest test classes (from Surefire's reports), so a
# contributor sees where the suite's time goes; CONTRIBUTING.md keeps the list of the last measurement.
# Usage: .ci/test-times.sh START_EPOCH_SECONDS
set -uo pipefail
cd "$(dirname "$0")/.."
start="${1:-}"
if [ -n "$start" ]; then
  echo "ci: ./mvnw -B verify took $(( $(date +%s) - start )) s"
fi
python3 - <<'PY' 2>/dev/null || true
import glob, xml.etree.ElementTree as ET
rows = []
failed = skipped = 0
for path in glob.glob("*/target/surefire-reports/TEST-*.xml"):
    try:
        suite = ET.parse(path).getroot()
        rows.append((float(suite.get("time", "0").replace(",", "")), suite.get("name", path), int(suite.get("tests", "0"))))
        failed += int(suite.get("failures", "0")) + int(suite.get("errors", "0"))
        skipped += int(suite.get("skipped", "0"))
    except Exception:
        pass
rows.sort(reverse=True)
total = sum(r[0] for r in rows)
print(f"ci: {len(rows)} test classes, {sum(r[2] for r in rows)} tests, {total:.0f} s in test classes; the ten slowest:")
for seconds, name, tests in rows[:10]:
    print(f"ci:   {seconds:7.1f} s  {name} ({tests} tests)")
# Last, the plain closing line a reader of CI's output looks for (Surefire's own summary is above).
print(f"tests: {sum(r[2] for r in rows) - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY

#!/usr/bin/env bash
# Builds GeoStore and runs every test project, one after another, then prints one summary line:
#   N passed, N failed[, N skipped]
# Exit code: 0 when everything passed.
set -uo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Debug}"
log_dir="${TEST_LOG_DIR:-artifacts/test-logs}"
mkdir -p "$log_dir"

# Azurite (the Azure Storage emulator the storage tests run against) comes from npm, pinned in package-lock.json.
if [ ! -x node_modules/.bin/azurite-table ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! dotnet build GeoStore.sln -c "$configuration" -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0; status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  grep -q "Microsoft.NET.Test.Sdk" "$project" || continue
  log="$log_dir/$name.log"
  echo "== $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo 2>&1 | tee "$log" | grep -E "^\s+Failed |^(Passed|Failed)!|error" || true
  summary="$(grep -E "^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" | tail -n 1)"
  if [ -z "$summary" ]; then
    echo "   $name produced no test summary (crashed or did not run); see $log"
    failed=$((failed + 1)); status=1
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: +([0-9]+),.*/\1/' <<<"$summary")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$f" -ne 0 ]; then
    status=1
    # What failed and why, so a CI log is enough to start from.
    grep -E -A 12 "^\s+Failed [A-Za-z]" "$log" | grep -E -v "^\s+at (System|Xunit|Microsoft)\." | head -n 80 || true
  fi
done

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status

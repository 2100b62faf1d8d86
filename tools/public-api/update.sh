#!/usr/bin/env bash
# Regenerates PublicAPI.Unshipped.txt of each packable library from the public API analyzer's own findings.
# The RS0016 code fix is an IDE feature; its diagnostics name each missing symbol exactly as the file wants it
# ("Symbol '<entry>' is not part of the declared public API"), so this builds each project with an empty
# Unshipped list and writes the entries it reports, for every target framework, sorted (ordinal) as the fix does.
# PublicAPI.Shipped.txt is left alone: on a release, move the Unshipped entries there.
# Usage: tools/public-api/update.sh [project-dir...]   (default: every project with a PublicAPI.Shipped.txt under src/)
set -euo pipefail
cd "$(dirname "$0")/../.."

# Dependency order: a library's references must build cleanly before its own list is made.
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(src/Defender365Typed src/Defender365Typed.KqlEngine src/Defender365Typed.Client src/Defender365Typed.Client.Redis src/Defender365Typed.Emulator)
fi

for dir in "${projects[@]}"; do
  unshipped="$dir/PublicAPI.Unshipped.txt"
  printf '#nullable enable\n' > "$unshipped"
  log=$(mktemp)
  dotnet build "$dir" -c Release --no-incremental -p:TreatWarningsAsErrors=true > "$log" 2>&1 || true
  python3 - "$log" "$unshipped" "$dir/PublicAPI.Shipped.txt" <<'PY'
import re, sys
log, unshipped, shipped = sys.argv[1:4]
entries = set()
other = set()
for line in open(log, encoding="utf-8"):
    m = re.search(r"(?:error|warning) RS0016: Symbol '(.*)' is not part of the declared public API", line)
    if m:
        entries.add(m.group(1))
    elif re.search(r": (?:error|warning) (?!NU1603)", line):
        other.add(line.strip())
with open(unshipped, "w", encoding="utf-8", newline="\n") as f:
    f.write("#nullable enable\n")
    for e in sorted(entries):
        f.write(e + "\n")
print(f"{unshipped}: {len(entries)} entries")
for o in sorted(other):
    print("  still failing: " + o, file=sys.stderr)
PY
  rm -f "$log"
done

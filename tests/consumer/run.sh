#!/usr/bin/env bash
# Consumer test: the packages as a user meets them.
#  1. packs the solution (Release) into a temporary folder and checks what each package holds;
#  2. creates a fresh project in a temporary directory (template/) that references only those packages (nuget.config:
#     that folder for Defender365Typed*, the normal feed for everything else; an empty NUGET_PACKAGES, so no cached build
#     of ours can stand in), declares a custom table and result types, and runs typed and raw hunting queries through
#     the client (MSAL, client secret) against the emulator package in-process;
#  3. builds a copy with a misspelt column in a raw KQL string (bad/) and expects the build to fail with DTQ102;
#  3b. builds and runs a fresh project with a hunting schema file in AdditionalFiles (tenant/): typed access to its custom
#     table and saved function, then runs them through the client against an emulator serving the same file (the saved
#     function evaluated with a body), and a [HuntingQuery("Name")] constant whose generated row type it reads the same
#     way; a copy with misspelt tenant columns (tenant-bad/) must fail with CS1061 and DTQ102;
#  4. installs the dotnet tool from the folder and runs a hunt on its emulator;
#  5. publishes samples/AotSample with NativeAOT (linux-x64): no IL2xxx/IL3xxx warning, and the native binary runs a typed
#     query against an emulator hosted by the consumer project in another process.
# Ends with "consumer: N passed, M failed, K skipped"; exits non-zero on any failure. SKIP_AOT=1 leaves step 5 out, and so
# does a machine with neither clang nor gcc to link with: its checks are then printed and counted as skipped.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d /tmp/d365-consumer.XXXXXX)
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null
  [ "${KEEP_CONSUMER_WORK:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
skipped=0
pass() { echo "consumer: PASS $1"; passed=$((passed + 1)); }
fail() { echo "consumer: FAIL $1"; failed=$((failed + 1)); }
skip() { echo "consumer: SKIP $1"; skipped=$((skipped + 1)); }
finish() { echo "consumer: $passed passed, $failed failed, $skipped skipped"; [ "$failed" -eq 0 ]; exit $?; }

# The NativeAOT checks (step 5), each reported as skipped when they cannot run here.
aot_checks=("AOT analysis is on and unsuppressed" "NativeAOT publish without trim/AOT warnings" "NativeAOT binary runs a typed query")
skip_aot() { for check in "${aot_checks[@]}"; do skip "$check ($1)"; done; finish; }

feed="$work/feed"
echo "== consumer: dotnet pack (Release) into $feed"
if timeout 900 dotnet pack Defender365Typed.sln -c Release -o "$feed" > "$work/pack.log" 2>&1; then
  pass "pack"
else
  tail -n 40 "$work/pack.log"; fail "pack"; finish
fi

version=$(ls "$feed" | sed -n 's/^Defender365Typed\.\([0-9][^A-Za-z]*[0-9]\(-[A-Za-z0-9.-]*\)\?\)\.nupkg$/\1/p' | head -n 1)
echo "version: $version"

# What each package holds.
problems=()
expect() { # expect <package> <entry>...
  local pkg="$feed/$1.$version.nupkg"; shift
  [ -f "$pkg" ] || { problems+=("missing $(basename "$pkg")"); return; }
  local listing; listing=$(unzip -Z1 "$pkg")
  for entry in "$@"; do grep -qxF "$entry" <<< "$listing" || problems+=("$(basename "$pkg"): no $entry"); done
}
expect Defender365Typed PACKAGE.md lib/net8.0/Defender365Typed.dll lib/net8.0/Defender365Typed.xml \
  lib/net10.0/Defender365Typed.dll lib/net10.0/Defender365Typed.xml \
  analyzers/dotnet/cs/Defender365Typed.Generators.dll analyzers/dotnet/cs/Defender365Typed.KqlFrontEnd.dll \
  analyzers/dotnet/cs/Defender365Typed.CodeFixes.dll
expect Defender365Typed.Client PACKAGE.md lib/net8.0/Defender365Typed.Client.dll lib/net10.0/Defender365Typed.Client.dll lib/net10.0/Defender365Typed.Client.xml \
  lib/net8.0/Defender365Typed.KqlFrontEnd.dll lib/net10.0/Defender365Typed.KqlFrontEnd.dll
expect Defender365Typed.Emulator PACKAGE.md lib/net10.0/Defender365Typed.Emulator.dll
expect Defender365Typed.KqlEngine PACKAGE.md lib/net10.0/Defender365Typed.KqlEngine.dll lib/net10.0/Defender365Typed.KqlFrontEnd.dll
expect Defender365Typed.Cli PACKAGE.md tools/net10.0/any/defender365.dll tools/net10.0/any/Defender365Typed.KqlFrontEnd.dll tools/net10.0/any/DotnetToolSettings.xml
for id in Defender365Typed Defender365Typed.Client Defender365Typed.Emulator Defender365Typed.KqlEngine Defender365Typed.Cli; do
  [ -f "$feed/$id.$version.snupkg" ] || problems+=("no symbol package for $id")
done
nuspec=$(unzip -p "$feed/Defender365Typed.$version.nupkg" Defender365Typed.nuspec 2>/dev/null)
grep -q 'Defender365Typed.Generators\|Defender365Typed.CodeFixes' <<< "$nuspec" && problems+=("the generator is a package dependency")
# The KQL front end is not a package of its own: the packages that need it carry its dll.
[ -f "$feed/Defender365Typed.KqlFrontEnd.$version.nupkg" ] && problems+=("the KQL front end was packed on its own")
for id in Defender365Typed.KqlEngine Defender365Typed.Client; do
  unzip -p "$feed/$id.$version.nupkg" "$id.nuspec" 2>/dev/null | grep -q 'Defender365Typed.KqlFrontEnd' \
    && problems+=("the KQL front end is a package dependency of $id")
done
for field in '<license type="expression">MIT</license>' '<readme>PACKAGE.md</readme>' '<repository type="git" url="https://' '<tags>' '<description>'; do
  grep -qF "$field" <<< "$nuspec" || problems+=("nuspec lacks $field")
done
if [ ${#problems[@]} -eq 0 ]; then pass "package contents"; else printf '  %s\n' "${problems[@]}"; fail "package contents"; fi

# A fresh project that knows nothing but the folder and the normal feed.
export NUGET_PACKAGES="$work/nuget-packages"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Defender365Typed*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
mkdir -p "$work/app" "$work/bad"
cp "$root"/tests/consumer/template/* "$work/app/"
cp "$root"/tests/consumer/template/* "$root"/tests/consumer/bad/* "$work/bad/"
props=(-p:Defender365TypedVersion="$version")

echo "== consumer: build the fresh project"
if (cd "$work/app" && timeout 600 dotnet build "${props[@]}" > "$work/build.log" 2>&1); then
  pass "fresh project builds from the packages"
else
  tail -n 40 "$work/build.log"; fail "fresh project builds from the packages"
fi

echo "== consumer: run it (typed queries through the client against the emulator package)"
if (cd "$work/app" && timeout 300 dotnet run --no-build > "$work/run.log" 2>&1) && grep -q "consumer: all checks passed" "$work/run.log"; then
  cat "$work/run.log"; pass "typed and raw hunting queries against the emulator"
else
  cat "$work/run.log"; fail "typed and raw hunting queries against the emulator"
fi

echo "== consumer: a misspelt column in a raw KQL string must fail the build with DTQ102"
if (cd "$work/bad" && timeout 600 dotnet build "${props[@]}" > "$work/bad.log" 2>&1); then
  fail "raw KQL checked at compile time (the bad project built)"
elif grep -E "BadQuery.cs\([0-9]+,[0-9]+\): error DTQ102" "$work/bad.log"; then
  pass "raw KQL checked at compile time (DTQ102)"
else
  tail -n 40 "$work/bad.log"; fail "raw KQL checked at compile time (no DTQ102)"
fi

echo "== consumer: a hunting schema file in AdditionalFiles (tenant/): typed custom table and saved function"
mkdir -p "$work/tenant" "$work/tenant-bad"
cp "$root"/tests/consumer/tenant/* "$work/tenant/"
cp "$root"/tests/consumer/tenant/* "$root"/tests/consumer/tenant-bad/* "$work/tenant-bad/"
if (cd "$work/tenant" && timeout 600 dotnet build "${props[@]}" > "$work/tenant.log" 2>&1 && timeout 120 dotnet run --no-build >> "$work/tenant.log" 2>&1) \
   && grep -q "tenant: all checks passed" "$work/tenant.log"; then
  pass "schema file: typed custom table, saved function and [HuntingQuery] rows compile, render and run against the emulator serving the same file"
else
  tail -n 40 "$work/tenant.log"; fail "schema file: typed custom table, saved function and [HuntingQuery] rows compile, render and run against the emulator serving the same file"
fi
if (cd "$work/tenant-bad" && timeout 600 dotnet build "${props[@]}" > "$work/tenant-bad.log" 2>&1); then
  fail "schema file: misspelt tenant columns fail the build (the bad project built)"
elif grep -qE "BadTenantUse.cs\([0-9]+,[0-9]+\): error CS1061" "$work/tenant-bad.log" \
     && grep -qE "BadTenantUse.cs\([0-9]+,[0-9]+\): error DTQ102" "$work/tenant-bad.log"; then
  pass "schema file: misspelt tenant columns fail the build (CS1061 typed, DTQ102 raw)"
else
  tail -n 40 "$work/tenant-bad.log"; fail "schema file: misspelt tenant columns fail the build (no CS1061 and DTQ102)"
fi

echo "== consumer: the dotnet tool from the folder"
if timeout 300 dotnet tool install Defender365Typed.Cli --version "$version" --tool-path "$work/tools" \
     --configfile "$work/nuget.config" > "$work/tool.log" 2>&1 \
   && timeout 120 "$work/tools/defender365" hunt --emulator "DeviceProcessEvents | where FileName =~ 'powershell.exe' | take 3 | project DeviceName, FileName" \
     >> "$work/tool.log" 2>&1 \
   && grep -qi "powershell.exe" "$work/tool.log"; then
  cat "$work/tool.log"; pass "defender365 tool installs and hunts"
else
  cat "$work/tool.log"; fail "defender365 tool installs and hunts"
fi
unset NUGET_PACKAGES

if [ "${SKIP_AOT:-0}" = 1 ]; then skip_aot "SKIP_AOT=1"; fi
if ! command -v clang > /dev/null && ! command -v gcc > /dev/null; then skip_aot "neither clang nor gcc to link with"; fi

echo "== aot: publish samples/AotSample with NativeAOT (linux-x64)"
aot="$work/aot"
# The analyzers must be on and nothing IL2xxx/IL3xxx silenced, or "no warnings" would prove nothing. (The SDK itself puts
# IL2121, "unused suppression", into NoWarn: it flags no trimming problem and is allowed.)
settings=$(dotnet msbuild samples/AotSample/AotSample.csproj -p:RuntimeIdentifier=linux-x64 -p:Configuration=Release \
  -getProperty:NoWarn -getProperty:SuppressTrimAnalysisWarnings -getProperty:EnableTrimAnalyzer \
  -getProperty:EnableAotAnalyzer -getProperty:TreatWarningsAsErrors -getProperty:IsAotCompatible 2>&1)
if grep -qE 'IL[23][0-9]{3}' <<< "${settings//IL2121/}" || grep -q '"SuppressTrimAnalysisWarnings": "true"' <<< "$settings" \
   || ! grep -q '"EnableAotAnalyzer": "true"' <<< "$settings" || ! grep -q '"TreatWarningsAsErrors": "true"' <<< "$settings"; then
  echo "$settings"; fail "AOT analysis is on and unsuppressed"
else
  pass "AOT analysis is on and unsuppressed"
fi
# NativeAOT links with clang by default (.ci/run installs it); without clang, gcc does the job.
linker=()
command -v clang > /dev/null || linker=(-p:CppCompilerAndLinker=gcc)
if timeout 900 dotnet publish samples/AotSample -c Release -r linux-x64 -o "$aot" "${linker[@]}" > "$work/aot.log" 2>&1; then
  if grep -E '(warning|error) IL[23][0-9]{3}' "$work/aot.log"; then
    fail "NativeAOT publish without trim/AOT warnings"
  else
    pass "NativeAOT publish without trim/AOT warnings ($(stat -c %s "$aot/AotSample") bytes)"
  fi
else
  tail -n 40 "$work/aot.log"; fail "NativeAOT publish without trim/AOT warnings"; finish
fi

echo "== aot: the native binary against an emulator in another process"
serve="$work/serve"; mkdir -p "$serve"
dotnet "$work/app/bin/Debug/net10.0/Consumer.dll" serve "$serve" > "$work/serve.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 300); do [ -f "$serve/emulator.env" ] && break; sleep 0.2; done
if [ -f "$serve/emulator.env" ]; then
  # shellcheck disable=SC1091
  . "$serve/emulator.env"
  if DEFENDER365_CLIENT_SECRET=$(cat "$serve/secret") timeout 120 "$aot/AotSample" "$BASE_URL" "$serve/emulator.pem" "$TENANT_ID" "$CLIENT_ID" \
       > "$work/aotrun.log" 2>&1 && grep -q "^aot: [1-9][0-9]* typed rows" "$work/aotrun.log"; then
    cat "$work/aotrun.log"; pass "NativeAOT binary runs a typed query"
  else
    cat "$work/aotrun.log"; fail "NativeAOT binary runs a typed query"
  fi
else
  cat "$work/serve.log"; fail "NativeAOT binary runs a typed query (the emulator host did not start)"
fi
touch "$serve/stop"
wait "$host_pid" 2>/dev/null
host_pid=""
finish

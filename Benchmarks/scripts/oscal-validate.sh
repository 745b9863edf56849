#!/usr/bin/env bash
# Times `attest validate` on a workspace whose framework is NIST's full SP 800-53 rev5 OSCAL
# JSON catalog against `trestle validate -a` on a trestle workspace holding the same catalog,
# side by side with hyperfine (docs/oscal.md, "Performance"). Prints both medians and the ratio.
#
# Usage: Benchmarks/scripts/oscal-validate.sh [RUNS]   (from the repository root)
# Needs: hyperfine (Debian), python3 with venv; installs compliance-trestle 5.2.0 from PyPI into
# .build-bench/trestle-venv the first time. Builds attest in release mode.
set -euo pipefail
runs="${1:-20}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$root/.build-bench"
catalog="$root/Tests/Fixtures/oscal/sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json"
mkdir -p "$scratch"

if [ ! -x "$scratch/trestle-venv/bin/trestle" ]; then
    python3 -m venv "$scratch/trestle-venv"
    "$scratch/trestle-venv/bin/pip" install --quiet compliance-trestle==5.2.0
fi
trestle="$scratch/trestle-venv/bin/trestle"

# A trestle workspace holding the catalog.
rm -rf "$scratch/trestle" && mkdir -p "$scratch/trestle"
(cd "$scratch/trestle" && "$trestle" init >/dev/null && "$trestle" import -f "$catalog" -o nist >/dev/null)

# An attest workspace whose only framework is the same catalog.
rm -rf "$scratch/attest" && mkdir -p "$scratch/attest/oscal"
cp "$catalog" "$scratch/attest/oscal/catalog.json"
cat >"$scratch/attest/attest.yaml" <<'YAML'
schema: 1
organisation: { name: Benchmark }
frameworks:
  - { oscal: oscal/catalog.json, id: nist }
YAML

(cd "$root" && swift build -c release --product attest >/dev/null)
attest="$root/.build/release/attest"
"$attest" validate --workspace "$scratch/attest" >/dev/null 2>&1 || true

hyperfine --warmup 2 --runs "$runs" --ignore-failure --export-json "$scratch/oscal-validate.json" \
    -n attest "$attest validate --workspace $scratch/attest" \
    -n trestle "cd $scratch/trestle && $trestle validate -a"
python3 - "$scratch/oscal-validate.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
a, t = results["attest"], results["trestle"]
print(f"median attest validate: {a * 1000:.1f} ms; trestle validate -a: {t * 1000:.1f} ms; "
      f"attest is {t / a:.1f}x faster")
PY

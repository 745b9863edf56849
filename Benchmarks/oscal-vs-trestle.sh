#!/usr/bin/env bash
# Times `attest validate` against compliance-trestle's `trestle validate -a` on the same OSCAL
# catalog, side by side in one run (issue 14), then checks that loading grows linearly with the
# number of OSCAL catalogs a workspace names (docs/oscal.md, "Performance").
#
#   Benchmarks/oscal-vs-trestle.sh [SCRATCH_DIR]
#
# What it does, all in SCRATCH_DIR (default: a new folder under /tmp; nothing is written to the
# repository):
#   1. a Python venv with compliance-trestle 5.2.0 from PyPI (reused from
#      $ATTEST_OSCAL_VENV, default ~/.cache/attest-oscal-venv, when it already has trestle);
#   2. a release build of attest;
#   3. an Attest workspace whose one framework is NIST's full SP 800-53 rev5 catalog
#      (Tests/Fixtures/oscal/sp800-53-rev5-5.0.1, JSON, 1,189 controls and enhancements), with
#      one control, and a trestle workspace with the same catalog imported (`trestle import`);
#   4. hyperfine: both commands, 3 warm-up runs then 15 runs each; medians and the ratio;
#   5. the linear-growth check: workspaces naming 25 and 50 copies of the catalog (each under
#      its own framework id) with 10,000 controls, timed with hyperfine; the ratio of the two
#      medians should be about 2.
#
# Needs: hyperfine (Debian: apt-get install hyperfine), python3 with venv, swift.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$(mktemp -d /tmp/attest-oscal-bench.XXXXXX)}
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
case "$scratch/" in
"$root"/*) echo "error: $scratch is inside the repository; use a scratch folder" >&2; exit 2 ;;
esac
command -v hyperfine >/dev/null || { echo "error: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }

catalog="$root/Tests/Fixtures/oscal/sp800-53-rev5-5.0.1/NIST_SP-800-53_rev5_catalog.json"
venv=${ATTEST_OSCAL_VENV:-$HOME/.cache/attest-oscal-venv}
if [ ! -x "$venv/bin/trestle" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet compliance-trestle==5.2.0
fi
trestle="$venv/bin/trestle"

echo "== building attest (release)"
swift build -c release --package-path "$root" --product attest --static-swift-stdlib >/dev/null
attest="$root/.build/release/attest"

echo "== workspaces in $scratch"
single="$scratch/attest-single"
mkdir -p "$single/catalogs"
cp "$catalog" "$single/catalogs/"
cat >"$single/attest.yaml" <<'YAML'
schema: 1
organisation:
  name: Benchmark
frameworks:
  - oscal: catalogs/NIST_SP-800-53_rev5_catalog.json
    id: nist-800-53
controls:
  - id: IAM-01
    title: Accounts are reviewed every quarter
    owner: security
    satisfies:
      nist-800-53: [AC-2]
YAML
"$attest" validate --workspace "$single" >/dev/null

tw="$scratch/trestle-ws"
mkdir -p "$tw"
(cd "$tw" && "$trestle" init >/dev/null && "$trestle" import -f "$catalog" -o nist >/dev/null)
(cd "$tw" && "$trestle" validate -a >/dev/null)

echo "== attest validate vs trestle validate -a (same catalog)"
hyperfine --warmup 3 --runs 15 --export-json "$scratch/single.json" \
    -n attest "$attest validate --workspace $single" \
    -n trestle "cd $tw && $trestle validate -a"

python3 - "$scratch/single.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
a, t = results["attest"]["median"], results["trestle"]["median"]
print(f"attest median {a*1000:.1f} ms, trestle median {t*1000:.1f} ms: attest is {t/a:.1f}x faster")
PY

echo "== linear growth: 25 and 50 copies of the catalog, 10,000 controls"
make_dense() {
    local dir=$1 copies=$2
    mkdir -p "$dir/catalogs"
    cp "$catalog" "$dir/catalogs/"
    # Separate files, so that no cache of one parsed file can make the copies free.
    for copy in $(seq -w 0 $((copies - 1))); do
        cp "$catalog" "$dir/catalogs/copy-$copy.json"
    done
    python3 - "$dir" "$copies" <<'PY'
import json, sys
folder, copies = sys.argv[1], int(sys.argv[2])
catalog = json.load(open(f"{folder}/catalogs/NIST_SP-800-53_rev5_catalog.json"))["catalog"]
labels = []
def walk(controls):
    for control in controls:
        props = {p["name"]: p["value"] for p in control.get("props", []) if "class" not in p}
        if props.get("status") != "withdrawn" and "label" in props:
            labels.append(props["label"])
        walk(control.get("controls", []))
for group in catalog["groups"]:
    walk(group.get("controls", []))
lines = ["schema: 1", "organisation:", "  name: Benchmark", "frameworks:"]
for copy in range(copies):
    lines += [f"  - oscal: catalogs/copy-{copy:02d}.json", f"    id: nist-{copy:02d}"]
lines.append("controls:")
for index in range(10_000):
    first, second = labels[index % len(labels)], labels[(index * 7 + 3) % len(labels)]
    framework = f"nist-{index % copies:02d}"
    lines += [
        f"  - id: C-{index:05d}",
        f"    title: Control {index}",
        "    owner: security",
        "    satisfies:",
        f"      {framework}: [\"{first}\", \"{second}\"]",
    ]
open(f"{folder}/attest.yaml", "w").write("\n".join(lines) + "\n")
PY
}
make_dense "$scratch/dense-25" 25
make_dense "$scratch/dense-50" 50
hyperfine --warmup 1 --runs 5 -i --export-json "$scratch/dense.json" \
    -n 25-copies "$attest validate --workspace $scratch/dense-25" \
    -n 50-copies "$attest validate --workspace $scratch/dense-50"
python3 - "$scratch/dense.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
a, b = results["25-copies"]["median"], results["50-copies"]["median"]
print(f"25 copies {a*1000:.0f} ms, 50 copies {b*1000:.0f} ms: 2x input costs {b/a:.2f}x time")
PY
echo "== done; workspaces and hyperfine JSON are in $scratch"

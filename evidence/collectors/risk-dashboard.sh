#!/bin/sh
# Unified risk dashboard: reads the consolidated findings export (SCA, SAST, cloud posture,
# penetration test, CASA, bug bounty) and reports the share of open findings that are still
# within their remediation SLA. Prints the Attest external-collector JSON on stdout.
#
# Usage: evidence/collectors/risk-dashboard.sh [findings.csv]
set -eu
LC_ALL=C
export LC_ALL

file=${1:-evidence/risk/findings.csv}

if [ ! -r "$file" ]; then
    printf '{"status":"error","message":"cannot read %s"}\n' "$file"
    exit 0
fi

if command -v sha256sum >/dev/null 2>&1; then
    sum=$(sha256sum "$file" | cut -d ' ' -f 1)
else
    sum=$(shasum -a 256 "$file" | cut -d ' ' -f 1)
fi

# Columns: id,source,severity,title,owner,age_days,sla_days,status
# Titles contain no commas. Accepted risks are out of the SLA count.
awk -F ',' -v path="$file" -v sum="$sum" '
NR == 1 { next }
$8 == "open" {
    open++
    if ($6 + 0 > $7 + 0) { late++; overdue = overdue (overdue == "" ? "" : ", ") $1 " (" $3 ")" }
    else { ontime++ }
    if ($3 == "critical" || $3 == "high") highs++
}
$8 == "accepted" { accepted++ }
END {
    if (open == 0) { status = "pass"; score = 1 }
    else {
        score = ontime / open
        status = (late == 0) ? "pass" : "partial"
    }
    msg = sprintf("%d open findings (%d high or critical), %d within SLA, %d overdue", open, highs, ontime, late)
    if (late > 0) msg = msg ": " overdue
    if (accepted > 0) msg = msg sprintf("; %d accepted risk(s)", accepted)
    gsub(/"/, "\\\"", msg)
    printf "{\"status\":\"%s\",\"score\":%.4f,\"message\":\"%s\",\"artifacts\":[{\"path\":\"%s\",\"sha256\":\"%s\"}]}\n", status, score, msg, path, sum
}' "$file"

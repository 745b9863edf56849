#!/bin/sh
# Endpoint compliance from the MDM/EDR fleet export (one line per company workstation).
# Prints the Attest external-collector JSON on stdout.
#
# Usage: evidence/collectors/endpoint-compliance.sh --check edr|disk-encryption|screen-lock|all [fleet.csv]
# `all` counts a workstation only when it passes every check. The report carries the counts
# as `tally` (docs/collectors.md), so the page can say "46 of 48" rather than a rounded ratio.
set -eu
LC_ALL=C
export LC_ALL

check=""
file=evidence/endpoints/fleet.csv
while [ $# -gt 0 ]; do
    case "$1" in
        --check) check=${2:-}; shift 2 ;;
        *) file=$1; shift ;;
    esac
done

case "$check" in
    edr|disk-encryption|screen-lock|all) ;;
    *) printf '{"status":"error","message":"unknown or missing --check (edr, disk-encryption, screen-lock, all)"}\n'; exit 0 ;;
esac

if [ ! -r "$file" ]; then
    printf '{"status":"error","message":"cannot read %s"}\n' "$file"
    exit 0
fi

if command -v sha256sum >/dev/null 2>&1; then
    sum=$(sha256sum "$file" | cut -d ' ' -f 1)
else
    sum=$(shasum -a 256 "$file" | cut -d ' ' -f 1)
fi

# Columns: hostname,team,os,os_version,mdm_enrolled,disk_encryption,edr_agent,edr_status,screen_lock_minutes,last_checkin
awk -F ',' -v check="$check" -v path="$file" -v sum="$sum" '
NR == 1 { next }
NF >= 10 {
    total++
    edr = ($5 == "true" && $7 != "none" && $8 == "healthy")
    disk = ($5 == "true" && ($6 == "filevault" || $6 == "luks2" || $6 == "bitlocker"))
    lock = ($9 + 0 > 0 && $9 + 0 <= 5)
    if (check == "edr")                  ok = edr
    else if (check == "disk-encryption") ok = disk
    else if (check == "screen-lock")     ok = lock
    else                                 ok = (edr && disk && lock)
    if (ok) good++
    else bad = bad (bad == "" ? "" : ", ") $1
}
END {
    if (total == 0) { printf "{\"status\":\"error\",\"message\":\"no workstation in %s\"}\n", path; exit }
    score = good / total
    status = (good == total) ? "pass" : "partial"
    msg = sprintf("%s: %d of %d workstations compliant", check, good, total)
    if (bad != "") msg = msg " (not compliant: " bad ")"
    printf "{\"status\":\"%s\",\"score\":%.4f,\"tally\":{\"passed\":%d,\"total\":%d},\"message\":\"%s\",\"artifacts\":[{\"path\":\"%s\",\"sha256\":\"%s\"}]}\n", status, score, good, total, msg, path, sum
}' "$file"

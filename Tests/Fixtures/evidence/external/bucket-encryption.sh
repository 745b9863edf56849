#!/bin/sh
# Shaped like a real external collector: inspects something, prints one JSON report.
cat <<'JSON'
{
  "status": "partial",
  "score": 0.8,
  "message": "8 of 10 buckets encrypted with KMS keys",
  "observed_at": "2026-05-31T10:00:00Z",
  "artifacts": [
    {"path": "external/buckets.json", "sha256": "8c4b1f0e6a0a2e0f8d1e0b2c9a7f6e5d4c3b2a1908f7e6d5c4b3a29180706050"}
  ]
}
JSON

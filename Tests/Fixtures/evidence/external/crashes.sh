#!/bin/sh
echo "connecting with token=s3cr3tvalue123 failed" >&2
exit 3

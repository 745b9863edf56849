#!/bin/sh
echo '{"status": "fail", "message": "login refused for AKIAIOSFODNN7EXAMPLE (password=hunter2)"}'

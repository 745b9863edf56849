#!/usr/bin/env python3
"""Fails when Package.swift declares a dependency edge that .ci/module-edges.txt does not allow.

Reads the real edges from `swift package dump-package`, so the check follows the manifest as
SwiftPM understands it.
"""
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
allowed = {}
for raw in (root / ".ci" / "module-edges.txt").read_text().splitlines():
    line = raw.split("#", 1)[0].strip()
    if not line:
        continue
    target, _, deps = line.partition(":")
    allowed[target.strip()] = set(deps.split())

package = json.loads(
    subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True,
                   capture_output=True, text=True).stdout)

def dependency_name(dep):
    for kind in ("byName", "target", "product"):
        if kind in dep:
            return dep[kind][0]
    raise SystemExit(f"unknown dependency form: {dep}")

problems = []
for target in package["targets"]:
    name = target["name"]
    if name not in allowed:
        problems.append(f"target {name} is not listed in .ci/module-edges.txt")
        continue
    for dep in target.get("dependencies", []):
        dep_name = dependency_name(dep)
        if dep_name not in allowed[name]:
            problems.append(f"{name} -> {dep_name} is not an allowed edge (DESIGN.md)")

for problem in problems:
    print(f"module edges: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"module edges: {len(package['targets'])} targets checked, all edges allowed")

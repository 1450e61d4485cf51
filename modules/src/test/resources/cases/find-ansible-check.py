#!/usr/bin/env python3
"""Runs the searches of find-tree.yml with ansible-core's find on the same tree and compares.

    python3 modules/src/test/resources/cases/find-ansible-check.py
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def build(root, tree):
    for rel, content in tree["files"].items():
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(content)
    for rel, target in tree["links"].items():
        os.symlink(target, os.path.join(root, rel))
    for rel, days in tree["old_days"].items():
        t = time.time() - days * 86400
        os.utime(os.path.join(root, rel), (t, t))


def main():
    with open(os.path.join(HERE, "find-tree.yml")) as f:
        spec = yaml.safe_load(f)
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "tree")
        build(root, spec["tree"])
        tasks = []
        for i, s in enumerate(spec["searches"]):
            tasks.append({"find": dict(s["args"], paths=root), "register": "r%d" % i})
        out = os.path.join(tmp, "out.json")
        names = ", ".join("r%d" % i for i in range(len(tasks)))
        tasks.append({"copy": {"content": "{{ [%s] | to_json }}" % names, "dest": out}})
        pb = os.path.join(tmp, "play.yml")
        with open(pb, "w") as f:
            yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "connection": "local", "tasks": tasks}], f)
        env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
                   ANSIBLE_PYTHON_INTERPRETER="auto_silent")
        p = subprocess.run(["ansible-playbook", "-i", "localhost,", pb], capture_output=True, text=True, env=env)
        if not os.path.exists(out):
            sys.exit("ansible-playbook failed:\n" + p.stdout + p.stderr)
        with open(out) as f:
            results = json.load(f)
        bad = 0
        for s, r in zip(spec["searches"], results):
            got = sorted(os.path.relpath(x["path"], root) for x in r["files"])
            problems = []
            if got != sorted(s["paths"]):
                problems.append("paths: ansible %s, case %s" % (got, sorted(s["paths"])))
            if r["examined"] != s["examined"]:
                problems.append("examined: ansible %s, case %s" % (r["examined"], s["examined"]))
            if r["matched"] != len(s["paths"]):
                problems.append("matched: ansible %s" % r["matched"])
            if "checksum" in s and r["files"][0].get("checksum") != s["checksum"]:
                problems.append("checksum: ansible %s" % r["files"][0].get("checksum"))
            if problems:
                bad += 1
                print("DIFFERS %s:\n  %s" % (s["args"], "\n  ".join(problems)))
        print("%d of %d searches agree with ansible-core" % (len(results) - bad, len(results)))
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

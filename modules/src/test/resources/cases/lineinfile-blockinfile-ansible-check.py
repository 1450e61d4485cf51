#!/usr/bin/env python3
"""Runs the before/after cases of lineinfile.yml, blockinfile.yml and replace.yml through real Ansible.

Checks that jplay's expected results are Ansible's: for every case without check/diff/backup/
validate/mode specifics, it writes `before` to a temp file, runs the module with ansible-playbook
(local connection), and compares the file and `changed` with the case. Needs ansible-core.

    python3 modules/src/test/resources/cases/lineinfile-blockinfile-ansible-check.py
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP_KEYS = {"check", "diff", "on", "commands", "fails"}
SKIP_ARGS = {"backup", "validate", "mode", "owner", "group"}


def cases(module):
    with open(os.path.join(HERE, module + ".yml")) as f:
        for c in yaml.safe_load(f):
            if SKIP_KEYS & c.keys() or SKIP_ARGS & c["args"].keys():
                continue
            yield c


def main():
    failures = 0
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        tasks, checks = [], []
        for module in ("lineinfile", "blockinfile", "replace"):
            for i, c in enumerate(cases(module)):
                path = os.path.join(tmp, "%s-%d.txt" % (module, i))
                if c["before"] is not None:
                    with open(path, "w", newline="") as f:
                        f.write(c["before"])
                args = dict(c["args"], path=path)
                tasks.append({"name": "%s: %s" % (module, c["name"]), module: args, "ignore_errors": True,
                              "register": "r%d" % len(tasks)})
                checks.append((module, c, path))
        results_file = os.path.join(tmp, "results.json")
        names = ", ".join("r%d" % i for i in range(len(tasks)))
        tasks.append({"copy": {"content": "{{ [%s] | to_json }}" % names, "dest": results_file}})
        play = [{"hosts": "localhost", "gather_facts": False, "connection": "local", "tasks": tasks}]
        pb = os.path.join(tmp, "play.yml")
        with open(pb, "w") as f:
            yaml.safe_dump(play, f)
        env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false",
                   ANSIBLE_INVENTORY_UNPARSED_WARNING="false", ANSIBLE_PYTHON_INTERPRETER="auto_silent")
        out = subprocess.run(["ansible-playbook", "-i", "localhost,", pb], capture_output=True, text=True, env=env)
        if not os.path.exists(results_file):
            sys.exit("ansible-playbook failed:\n" + out.stdout + out.stderr)
        with open(results_file) as f:
            results = json.load(f)
        for (module, c, path), res in zip(checks, results):
            total += 1
            want_changed = bool(c.get("changed"))
            want = c["after"] if c.get("after") is not None else c["before"]
            got = None
            if os.path.exists(path):
                with open(path, newline="") as f:
                    got = f.read()
            problems = []
            if res.get("changed", False) != want_changed:
                problems.append("changed: ansible %s, case %s" % (res.get("changed"), want_changed))
            if got != want:
                problems.append("content: ansible %r, case %r" % (got, want))
            if "msg" in c and res.get("msg", "") != c["msg"]:
                problems.append("msg: ansible %r, case %r" % (res.get("msg"), c["msg"]))
            if problems:
                failures += 1
                print("DIFFERS %s: %s\n  %s" % (module, c["name"], "\n  ".join(problems)))
    print("%d of %d cases agree with ansible-core" % (total - failures, total))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

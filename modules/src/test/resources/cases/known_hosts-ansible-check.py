#!/usr/bin/env python3
"""Runs the cases of known_hosts.yml through ansible-core's known_hosts and compares.

Needs ansible-core and ssh-keygen:
    python3 modules/src/test/resources/cases/known_hosts-ansible-check.py
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "known_hosts.yml")) as f:
        cases = yaml.safe_load(f)
    with tempfile.TemporaryDirectory() as tmp:
        tasks, paths = [], []
        for i, c in enumerate(cases):
            path = os.path.join(tmp, "keys-%d" % i)
            if c["before"] is not None:
                with open(path, "w") as f:
                    f.write(c["before"])
            tasks.append({"known_hosts": dict(c["args"], path=path),
                          "register": "r%d" % i, "ignore_errors": True})
            paths.append(path)
        out = os.path.join(tmp, "out.json")
        tasks.append({"copy": {"content": "{{ [%s] | to_json }}" % ", ".join("r%d" % i for i in range(len(cases))),
                               "dest": out}})
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
        for c, path, r in zip(cases, paths, results):
            problems = []
            if "fails" in c:
                if not r.get("failed") or c["fails"] not in r.get("msg", ""):
                    problems.append("ansible did not fail with %r: %s" % (c["fails"], r.get("msg")))
            else:
                want = c["after"] if c["after"] is not None else c["before"]
                got = open(path).read() if os.path.exists(path) else None
                if got != want:
                    problems.append("content: ansible %r, case %r" % (got, want))
                if r.get("changed") != c["changed"]:
                    problems.append("changed: ansible %s" % r.get("changed"))
            if problems:
                bad += 1
                print("DIFFERS %s:\n  %s" % (c["name"], "\n  ".join(problems)))
        print("%d of %d cases agree with ansible-core" % (len(cases) - bad, len(cases)))
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

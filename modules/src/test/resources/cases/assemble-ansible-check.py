#!/usr/bin/env python3
"""Runs the cases of assemble.yml through ansible-core's assemble (remote_src) and compares dest.

    python3 modules/src/test/resources/cases/assemble-ansible-check.py
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "assemble.yml")) as f:
        cases = yaml.safe_load(f)
    with tempfile.TemporaryDirectory() as tmp:
        tasks = []
        for i, c in enumerate(cases):
            src = os.path.join(tmp, "src-%d" % i)
            os.makedirs(src)
            for name, content in c["fragments"].items():
                with open(os.path.join(src, name), "w", newline="") as f:
                    f.write(content)
            tasks.append({"assemble": dict(c["args"], src=src, dest=os.path.join(tmp, "dest-%d" % i)),
                          "register": "r%d" % i})
        pb = os.path.join(tmp, "play.yml")
        with open(pb, "w") as f:
            yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "connection": "local", "tasks": tasks}], f)
        env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
                   ANSIBLE_PYTHON_INTERPRETER="auto_silent")
        p = subprocess.run(["ansible-playbook", "-i", "localhost,", pb], capture_output=True, text=True, env=env)
        if p.returncode != 0:
            sys.exit("ansible-playbook failed:\n" + p.stdout + p.stderr)
        bad = 0
        for i, c in enumerate(cases):
            with open(os.path.join(tmp, "dest-%d" % i), newline="") as f:
                got = f.read()
            if got != c["result"]:
                bad += 1
                print("DIFFERS %s: ansible %r, case %r" % (c["name"], got, c["result"]))
        print("%d of %d cases agree with ansible-core" % (len(cases) - bad, len(cases)))
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

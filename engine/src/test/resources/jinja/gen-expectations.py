#!/usr/bin/env python3
"""Writes expected.json: what ansible-core's `debug: msg=<template>` returned for each template in cases.yml
(the value with its JSON type, or the error message). Run from this folder with ansible-core 2.14 installed:
  python3 gen-expectations.py
It generates one playbook (a registered debug task per template, then a copy of all results as JSON) and runs
  ansible-playbook -i localhost, -c local <playbook>"""
import json, os, subprocess, tempfile, yaml

cases = yaml.safe_load(open("cases.yml"))
tasks = [{"debug": {"msg": t}, "ignore_errors": True, "register": "r%d" % i} for i, t in enumerate(cases["templates"])]
work = tempfile.mkdtemp()
out_file = os.path.join(work, "out.json")
names = ", ".join("r%d" % i for i in range(len(tasks)))
tasks.append({"copy": {"content": "{{ [%s] | to_json }}" % names, "dest": out_file}})
play = [{"hosts": "localhost", "gather_facts": False, "vars": cases["vars"], "tasks": tasks}]
pb = os.path.join(work, "play.yml")
with open(pb, "w") as fh:
    yaml.safe_dump(play, fh, sort_keys=False)
run = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", pb], capture_output=True, text=True)
if run.returncode != 0:
    exit(run.stdout + run.stderr)
version = subprocess.run(["ansible", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
results = []
for t, r in zip(cases["templates"], json.load(open(out_file))):
    results.append({"template": t, "error": r["msg"]} if r.get("failed") else {"template": t, "value": r["msg"]})
with open("expected.json", "w") as fh:
    json.dump({"producedBy": version + ", by python3 gen-expectations.py", "cases": results}, fh, indent=1)
    fh.write("\n")

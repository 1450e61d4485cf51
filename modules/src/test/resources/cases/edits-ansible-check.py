#!/usr/bin/env python3
"""Runs the file-edit cases (MODULE-edits.yml) through real Ansible, local connection.

Each case gets its own folder: '@DIR@' in args and in `file` points there, and the crontab stand-in
(standin/crontab, first on PATH) keeps users' tables there. The edited file is the case's `file`
(default: the user's crontab, for cron). Checks `changed`, the error message and the resulting text
against the case, then runs the task again and checks changed=false. Cases marked jplay_only are
skipped (jplay refuses values Ansible only warns about). Needs ansible-core; ansible.posix modules are
found through ANSIBLE_COLLECTIONS_PATH (a checkout of ansible-collections/ansible.posix under
ansible_collections/ansible/posix).

    python3 modules/src/test/resources/cases/edits-ansible-check.py cron ansible.posix.sysctl
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
STANDIN = os.path.join(HERE, "..", "standin", "crontab")


def table_path(d, c):
    if "file" in c:
        return c["file"].replace("@DIR@", d)
    if "cron_file" in c["args"]:
        return c["args"]["cron_file"].replace("@DIR@", d)
    return os.path.join(d, "root")


def main():
    cases = []
    for module in sys.argv[1:] or ["cron"]:
        with open(os.path.join(HERE, module.split(".")[-1] + "-edits.yml")) as f:
            cases += [dict(c, module=module) for c in yaml.safe_load(f) if not c.get("jplay_only")]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        bin_dir = os.path.join(tmp, "bin")
        os.mkdir(bin_dir)
        shutil.copy(STANDIN, os.path.join(bin_dir, "crontab"))
        os.chmod(os.path.join(bin_dir, "crontab"), 0o755)
        tasks = []
        for i, c in enumerate(cases):
            d = os.path.join(tmp, "case%d" % i)
            os.mkdir(d)
            args = {k: (v.replace("@DIR@", d) if isinstance(v, str) else v) for k, v in c["args"].items()}
            if c.get("before") is not None:
                with open(table_path(d, c), "w", newline="") as f:
                    f.write(c["before"])
            env = {"PATH": bin_dir + ":/usr/sbin:/usr/bin:/sbin:/bin", "JP_CRONTABS": d}
            for run in ("first", "second"):
                tasks.append({"name": "%d %s" % (i, run), c["module"]: args, "environment": env,
                              "register": "r%d_%s" % (i, run), "ignore_errors": True})
        out = os.path.join(tmp, "results.json")
        facts = {"r%d_%s" % (i, run): "{{ r%d_%s }}" % (i, run) for i in range(len(cases)) for run in ("first", "second")}
        tasks.append({"copy": {"dest": out, "content": "{{ results | to_json }}"}, "vars": {"results": facts}})
        play = [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]
        pb = os.path.join(tmp, "play.yml")
        with open(pb, "w") as f:
            yaml.safe_dump(play, f)
        subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", pb], check=True, stdout=subprocess.DEVNULL)
        with open(out) as f:
            results = json.load(f)
        for i, c in enumerate(cases):
            d = os.path.join(tmp, "case%d" % i)
            args = {k: (v.replace("@DIR@", d) if isinstance(v, str) else v) for k, v in c["args"].items()}
            first, second = results["r%d_first" % i], results["r%d_second" % i]
            problems = []
            if "fails" in c:
                if not first.get("failed") or not re.search(c["fails"], first.get("msg", "")):
                    problems.append("expected failure /%s/, got %s" % (c["fails"], first))
            else:
                p = table_path(d, c)
                text = open(p, newline="").read() if os.path.exists(p) else None
                if first.get("failed"):
                    problems.append("failed: %s" % first.get("msg"))
                if first.get("changed") != c["changed"]:
                    problems.append("changed %s, case says %s" % (first.get("changed"), c["changed"]))
                if text != c["after"]:
                    problems.append("text %r, case says %r" % (text, c["after"]))
                if second.get("changed"):
                    problems.append("second run changed")
            print(("FAIL " if problems else "ok   ") + c["module"] + ": " + c["name"] + "".join("\n     " + p for p in problems))
            failures += bool(problems)
    print("%d of %d cases differ from Ansible" % (failures, len(cases)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

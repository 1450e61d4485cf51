# Runs ansible-core's own service_facts parsing on outputs captured from the sy2 test host.
import json, sys
from ansible.modules import service_facts as sf
units, files, sysv = (open(f).read() for f in ('units.txt', 'files.txt', 'sysv.txt'))
class M:
    warnings = []
    def run_command(self, cmd, use_unsafe_shell=False):
        if 'list-units' in cmd: return 0, units, ''
        if 'list-unit-files' in cmd: return 0, files, ''
        if '--status-all' in cmd: return 0, sysv, ''
        if ' show ' in cmd:
            u = cmd.split()[2]
            return (1, '', 'bad') if u.endswith('@.service') else (0, 'ActiveState=inactive\n', '')
        raise Exception(cmd)
    def warn(self, w): self.warnings.append(w)
    def get_bin_path(self, n, opt_dirs=None, required=False): return {'service': '/usr/sbin/service', 'systemctl': '/usr/bin/systemctl'}.get(n)
    def fail_json(self, **kw): raise Exception(kw)
all = {}
a = sf.ServiceScanService(M()); all.update(a.gather_services())
b = sf.SystemctlScanService(M()); b.systemd_enabled = lambda: True; all.update(b.gather_services())
print(json.dumps(all))

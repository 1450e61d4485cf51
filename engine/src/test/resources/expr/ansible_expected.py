#!/usr/bin/python3
"""Computes library-expected.json from library-cases.yml with ansible-core's own Jinja2 environment.

Run from this folder with Debian's ansible-core 2.14 (its Python, not a virtualenv):
    cd engine/src/test/resources/expr && /usr/bin/python3 ansible_expected.py
Each case calls one filter (f), test (t) or query/lookup (l) on the input `in` (absent when undef: true)
with positional args `args` and keyword args `kw`, exactly as `{{ x | f(*args, **kw) }}`,
`{{ x is t(*args, **kw) }}` and `{{ query(l, *args, **kw) }}` do in a playbook, and records the raw
Python result (before the template's string conversion) or the error message.
"""
import json
import math
import os
import sys
import types

import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
from jinja2.runtime import Undefined

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, 'files')


def plain(v):
    """The result as JSON-able data; what JSON cannot say is tagged."""
    if isinstance(v, Undefined):
        return {'$undefined': True}
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return {'$float': repr(v)}
        return float(v)
    if isinstance(v, str):
        return str(v)
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset, types.GeneratorType)) or hasattr(v, '__iter__'):
        return [plain(x) for x in v]
    return {'$repr': repr(v)}


def run(case):
    variables = dict(case.get('vars') or {})
    if not case.get('undef'):
        variables['x'] = case.get('in')
    variables['a'] = case.get('args') or []
    variables['k'] = case.get('kw') or {}
    loader = DataLoader()
    loader.set_basedir(FILES)
    templar = Templar(loader=loader, variables=variables)
    env = templar.environment
    if 'f' in case:
        src = 'x | %s(*a, **k)' % case['f']
    elif 't' in case:
        src = 'x is %s(*a, **k)' % case['t']
    else:
        # what query(l, *args, **kw) calls in a template
        with templar.set_temporary_context(available_variables=variables):
            return plain(templar._query_lookup(case['l'], *variables['a'], **variables['k']))
    with templar.set_temporary_context(available_variables=variables):
        expr = env.compile_expression(src, undefined_to_none=False)
        return plain(expr(**variables))


def main():
    os.chdir(FILES)
    with open(os.path.join(HERE, 'library-cases.yml')) as f:
        cases = yaml.safe_load(f)
    out = []
    for case in cases:
        try:
            entry = {'case': case, 'value': run(case)}
        except Exception as e:  # the error is the expected result
            entry = {'case': case, 'error': '%s: %s' % (type(e).__name__, str(e).split('\n')[0])}
        if 'jmsg' in case and case['jmsg'] not in entry.get('error', ''):
            sys.exit('jmsg %r is not in what Ansible says: %r' % (case['jmsg'], entry))
        out.append(entry)
    with open(os.path.join(HERE, 'library-expected.json'), 'w') as f:
        # the lookups' folder is written as @FILES@, so the table holds in any checkout
        f.write('[\n' + ',\n'.join(json.dumps(e, ensure_ascii=False).replace(FILES, '@FILES@') for e in out) + '\n]\n')
    print('%d cases, %d errors' % (len(out), sum(1 for e in out if 'error' in e)), file=sys.stderr)


if __name__ == '__main__':
    main()

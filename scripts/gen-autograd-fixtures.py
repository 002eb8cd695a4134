#!/usr/bin/python3
"""What PyTorch itself says about each autograd snippet (issue 19's findings AL501–AL506).

Run with Debian's interpreter (it has python3-torch 1.13 and python3-matplotlib):

    /usr/bin/python3 scripts/gen-autograd-fixtures.py

Runs every snippet under test/fixtures/autograd/snippets/ — a .py file as one program, a
.ipynb notebook cell by cell in one namespace (as "Run All" would, but going on past a cell
that raised, since a user can run the next cell anyway) — and writes
test/fixtures/autograd/pytorch.json: per snippet, the error each program/cell raised (type,
text, 1-based line in the snippet, cell index for notebooks) and every warning (category,
text, line). The unit tests compare the findings' quoted texts and lines with these.

PyTorch's " (Triggered internally at <build path>.)" suffix names its C++ source, not the
user's code: it is cut off here, as scripts/gen-fixtures.py does.
"""
import contextlib
import io
import json
import os
import re
import sys
import traceback
import warnings

os.environ.setdefault('MPLBACKEND', 'Agg')

import matplotlib  # noqa: E402

matplotlib.use('Agg')
import torch  # noqa: E402

torch.set_num_threads(1)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNIPPETS = os.path.join(ROOT, 'test', 'fixtures', 'autograd', 'snippets')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'autograd', 'pytorch.json')
TRIGGERED = re.compile(r'\s*\(Triggered internally at .*\)\s*$', re.S)


def clean(text):
    return TRIGGERED.sub('', str(text))


def line_in(tb, filename):
    """The innermost frame of the traceback that is the snippet's own code."""
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename == filename:
            line = frame.lineno
    return line


def run(source, filename, namespace, cell=None):
    """Runs one program (or cell); returns (error or None, warnings)."""
    caught = []
    error = None
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            # what the snippet prints is not a datum
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(source, filename, 'exec'), namespace)
        except Exception as e:  # the snippet's own failure is the datum
            error = {'type': type(e).__name__, 'message': clean(e), 'line': line_in(e.__traceback__, filename)}
            if cell is not None:
                error['cell'] = cell
        caught = list(w)
    out = []
    for m in caught:
        entry = {'category': m.category.__name__, 'message': clean(m.message),
                 'line': m.lineno if m.filename == filename else None}
        if cell is not None:
            entry['cell'] = cell
        out.append(entry)
    return error, out


def fresh():
    return {'__name__': '__main__'}


def run_py(path):
    with open(path, encoding='utf-8') as f:
        source = f.read()
    error, warns = run(source, path, fresh())
    return {'errors': [error] if error else [], 'warnings': warns}


def run_notebook(path):
    with open(path, encoding='utf-8') as f:
        nb = json.load(f)
    namespace = fresh()
    errors, warns = [], []
    code_cells = [c for c in nb['cells'] if c['cell_type'] == 'code']
    for i, cell in enumerate(code_cells):
        source = ''.join(cell['source'])
        error, w = run(source, f'{path}#cell{i}', namespace, cell=i)
        if error:
            errors.append(error)
        warns.extend(w)
    return {'errors': errors, 'warnings': warns}


def main():
    cases = {}
    for name in sorted(os.listdir(SNIPPETS)):
        path = os.path.join(SNIPPETS, name)
        if name.endswith('.py'):
            cases[name] = run_py(path)
        elif name.endswith('.ipynb'):
            cases[name] = run_notebook(path)
    meta = {'torch_version': torch.__version__, 'python': sys.version.split()[0],
            'matplotlib': matplotlib.__version__, 'generator': 'scripts/gen-autograd-fixtures.py'}
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump({'meta': meta, 'cases': cases}, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'wrote {OUT}: {len(cases)} snippets')


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""What PyTorch itself says about each autograd snippet (issue 19's findings AL501–AL506).

Run with Debian's interpreter (it has python3-torch 1.13 and python3-matplotlib):

    /usr/bin/python3 scripts/gen-autograd-fixtures.py

Runs every snippet under test/fixtures/autograd/snippets/ — a .py file as one program, a
.ipynb notebook cell by cell in one namespace (as "Run All" would, but going on past a cell
that raised, since a user can run the next cell anyway) — and writes
test/fixtures/autograd/pytorch.json: per snippet, the error each program/cell raised (type,
text, 1-based line in the snippet, cell index for notebooks), every warning (category,
text, line) and every backward() that ran: the graph behind it as PyTorch names it (grad_fn
nodes breadth first, each once, with their next_functions) and the gradient each leaf got. The
autograd view's examples (src/autograd/examples.json) and demo/activations_article.py are run
the same way. The unit tests compare the findings' quoted texts, the graphs and the gradients.

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


BACKWARDS = []
_backward = torch.Tensor.backward


def graph_of(root):
    """grad_fn nodes breadth first from the root, each once; a leaf is AccumulateGrad."""
    nodes, ids, queue = [], {}, []

    def add(key, name, shape):
        if key not in ids:
            ids[key] = len(nodes)
            nodes.append({'name': name, 'shape': shape, 'inputs': []})
            queue.append(key)
        return ids[key]

    objs = {}
    if root.grad_fn is not None:
        objs[id(root.grad_fn)] = root.grad_fn
        add(id(root.grad_fn), root.grad_fn.name(), list(root.shape))
    while queue:
        key = queue.pop(0)
        fn = objs.get(key)
        if fn is None:
            continue
        for nxt, _ in fn.next_functions:
            if nxt is None:
                continue
            if hasattr(nxt, 'variable'):
                i = add(('leaf', id(nxt.variable)), 'AccumulateGrad', list(nxt.variable.shape))
            else:
                objs[id(nxt)] = nxt
                i = add(id(nxt), nxt.name(), None)
            nodes[ids[key]]['inputs'].append(i)
    return nodes


def leaves_of(root):
    """The leaves in the order the engine's follower lists them: depth first from the root, the
    last input popped first, a leaf counted when it is popped."""
    # every wrapper is kept alive while walking: Python reuses the ids of freed ones
    out, seen, alive = [], set(), []
    stack = [root.grad_fn] if root.grad_fn is not None else []
    while stack:
        item = stack.pop()
        alive.append(item)
        key = ('leaf', id(item)) if isinstance(item, torch.Tensor) else id(item)
        if key in seen:
            continue
        seen.add(key)
        if isinstance(item, torch.Tensor):
            out.append(item)
            continue
        for nxt, _ in item.next_functions:
            if nxt is None:
                continue
            alive.append(nxt)
            stack.append(nxt.variable if hasattr(nxt, 'variable') else nxt)
    return out


def recording_backward(self, *args, **kwargs):
    frame = sys._getframe(1)
    entry = {'file': frame.f_code.co_filename, 'line': frame.f_lineno, 'shape': list(self.shape),
             'requires_grad': self.requires_grad, 'graph': graph_of(self)}
    leaves = leaves_of(self)
    try:
        return _backward(self, *args, **kwargs)
    finally:
        entry['grads'] = [None if l.grad is None else [enc(v) for v in l.grad.reshape(-1).tolist()] for l in leaves]
        BACKWARDS.append(entry)


def enc(v):
    if v != v:
        return 'nan'
    if v in (float('inf'), float('-inf')):
        return 'inf' if v > 0 else '-inf'
    return v


torch.Tensor.backward = recording_backward


def backwards_in(filename_prefix):
    return [{k: v for k, v in b.items() if k != 'file'} | ({'cell': int(b['file'].rsplit('#cell', 1)[1])} if '#cell' in b['file'] else {})
            for b in BACKWARDS if b['file'] == filename_prefix or b['file'].startswith(filename_prefix + '#cell')]


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
    # each program draws from the same random stream: the file is the same from run to run
    torch.manual_seed(0)
    return {'__name__': '__main__'}


def run_py(path):
    with open(path, encoding='utf-8') as f:
        source = f.read()
    error, warns = run(source, path, fresh())
    return {'errors': [error] if error else [], 'warnings': warns, 'backwards': backwards_in(path)}


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
    return {'errors': errors, 'warnings': warns, 'backwards': backwards_in(path)}


def run_source(source, name):
    error, warns = run(source, name, fresh())
    return {'errors': [error] if error else [], 'warnings': warns, 'backwards': backwards_in(name)}


def main():
    cases = {}
    for name in sorted(os.listdir(SNIPPETS)):
        path = os.path.join(SNIPPETS, name)
        if name.endswith('.py'):
            cases[name] = run_py(path)
        elif name.endswith('.ipynb'):
            cases[name] = run_notebook(path)
    with open(os.path.join(ROOT, 'src', 'autograd', 'examples.json'), encoding='utf-8') as f:
        examples = json.load(f)
    for e in examples:
        cases[f"example:{e['id']}"] = run_source(e['code'], f"example:{e['id']}")
    demo = os.path.join(ROOT, 'demo', 'activations_article.py')
    with open(demo, encoding='utf-8') as f:
        cases['demo/activations_article.py'] = run_source(f.read(), demo)
    meta = {'torch_version': torch.__version__, 'python': sys.version.split()[0],
            'matplotlib': matplotlib.__version__, 'generator': 'scripts/gen-autograd-fixtures.py'}
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump({'meta': meta, 'cases': cases}, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'wrote {OUT}: {len(cases)} snippets')


if __name__ == '__main__':
    main()

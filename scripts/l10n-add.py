#!/usr/bin/env python3
"""Adds zh-cn translations to l10n/bundle.l10n.zh-cn.json (or package.nls.zh-cn.json with --nls)
from a JSON object on stdin, each new key placed after the key given by --after (so parallel
branches that append at the end do not collide). Existing keys are replaced in place."""
import json, sys
args = sys.argv[1:]
path = 'package.nls.zh-cn.json' if '--nls' in args else 'l10n/bundle.l10n.zh-cn.json'
after = args[args.index('--after') + 1] if '--after' in args else None
if '--file' in args:
    path = args[args.index('--file') + 1]
new = json.load(sys.stdin)
cur = json.load(open(path, encoding='utf-8'))
out = {}
for k, v in cur.items():
    out[k] = new.pop(k, v) if k in new else v
    if k == after:
        for nk, nv in list(new.items()):
            out[nk] = nv
        new = {}
out.update(new)
with open(path, 'w', encoding='utf-8') as f:
    json.dump(out, f, ensure_ascii=False, indent=2)
    f.write('\n')

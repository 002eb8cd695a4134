"""Which PyTorch names `from m import *` hands an importer, for module texts in the styles of real
training code (session 16, real code: a DCGAN script's `from dcgan import *` gives it `nn`, `optim`
and `torch` that dcgan.py imported). Python binds every imported name in the module's namespace;
a star import takes the names not starting with `_`, or exactly those listed in `__all__`.
Each module is written to a fresh folder and imported for real; for every name the importer then
has that is a PyTorch module, class or function, the fixture records its path (a module's
`__name__`, else `__module__` + '.' + `__qualname__`). Writes test/fixtures/lint/star-exports.json.
Run with /usr/bin/python3 (python3-torch)."""
import importlib
import json
import os
import sys
import tempfile
import types

import torch

MODULES = {
    "plain aliases": "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nimport torch.optim as optim\n\nclass Net(nn.Module):\n    pass\n",
    "from torch import nn; functional as F": "from torch import nn\nfrom torch.nn import functional as F\n\ndef make():\n    return nn.Linear(2, 2)\n",
    "private alias": "import torch\nimport torch.nn as _nn\n\nclass Net(_nn.Module):\n    pass\n",
    "__all__ without nn": "__all__ = ['Net']\nimport torch.nn as nn\n\nclass Net(nn.Module):\n    pass\n",
    "__all__ with nn": "__all__ = ('Net', 'nn')\nimport torch.nn as nn\n\nclass Net(nn.Module):\n    pass\n",
    "rebound after import": "import torch.nn as nn\nnn = None\nimport torch\n",
    "star of torch.nn": "from torch.nn import *\nimport torch\n",
    "imports under try": "try:\n    import torch.nn as nn\nexcept ImportError:\n    nn = None\n",
    "import inside a function only": "def build():\n    import torch.nn as nn\n    return nn.Linear(2, 2)\n",
}


def torch_path(v):
    if isinstance(v, types.ModuleType):
        return v.__name__ if v.__name__.split('.')[0] == 'torch' else None
    mod = getattr(v, '__module__', None)
    if isinstance(mod, str) and mod.split('.')[0] == 'torch' and hasattr(v, '__qualname__'):
        return f"{mod}.{v.__qualname__}"
    return None


rows = []
for i, (name, text) in enumerate(MODULES.items()):
    d = tempfile.mkdtemp()
    mod = f"starmod{i}"
    with open(os.path.join(d, mod + ".py"), "w") as f:
        f.write(text)
    sys.path.insert(0, d)
    ns = {}
    exec(f"from {mod} import *", ns)
    sys.path.pop(0)
    given = {k: torch_path(v) for k, v in ns.items() if k != "__builtins__"}
    rows.append({"name": name, "text": text,
                 "torch": {k: p for k, p in sorted(given.items()) if p is not None},
                 "modules": {k: ns[k].__name__ for k in sorted(given) if given[k] is not None and isinstance(ns[k], types.ModuleType)},
                 "other": sorted(k for k, p in given.items() if p is None)})

out = {"torch": torch.__version__, "python": sys.version.split()[0], "rows": rows}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "lint", "star-exports.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(rows)} rows")

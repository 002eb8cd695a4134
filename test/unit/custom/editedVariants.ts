// Edited versions of the custom-activation demo that the lazy and partial readings must answer as
// findCustom does on the whole text: names rebound, constants moved, imports in parentheses, a
// decorated definition, a lambda, a broken line.
import { readFileSync } from 'node:fs';

export function editedVariants(): string[] {
  const demo = readFileSync('demo/custom_activations.py', 'utf8');
  const lines = demo.split('\n');
  return [
    // a second binding of an activation's name after it (the last definition counts; an assignment makes it unevaluable)
    demo + '\n\ndef swish(x):\n    return x * torch.sigmoid(2 * x)\n',
    demo + '\nswish = None\n',
    // a constant used by a definition, bound twice or in a tuple
    'import torch\nBETA = 1.5\n\ndef act(x):\n    return x * torch.sigmoid(BETA * x)\n\nBETA, GAMMA = 2.0, 3\n',
    'import torch\n(A,\n B) = 1.0, 2.0\n\ndef f(x):\n    return torch.tanh(A * x) + B\n',
    // an import inside parentheses, a decorated definition, a class using a module attribute
    'from torch import (\n    tanh,\n    sigmoid as sg,\n)\n\n@staticmethod\ndef g(x):\n    return tanh(x) * sg(x)\n\nh = lambda t: g(t) + 1\n',
    // a syntax error in the middle
    [...lines.slice(0, 10), 'x = = 1', ...lines.slice(10)].join('\n'),
  ];
}

// The computation graph behind a tensor, as plain data: the engine's grad_fn nodes (PyTorch's
// names: SumBackward0, TanhBackward0, …) and the leaves they end in (AccumulateGrad), with
// shapes and dtypes. Plain data, so the hover, the explorer and the tests read the same thing.
import { Tensor } from '../engine';

export interface GraphNode {
  id: number;
  /** PyTorch's `grad_fn.name()`, or 'AccumulateGrad' for a leaf. */
  name: string;
  /** Shape and dtype of the tensor the node produced (of the leaf itself for AccumulateGrad). */
  shape: number[];
  dtype: string;
  /** For AccumulateGrad: the leaf, with the name the code binds it to (null when it has none). */
  leaf?: { label: string | null; requiresGrad: boolean };
  /** The nodes this one sends gradients to (PyTorch's next_functions), by id. */
  inputs: number[];
}

export interface GraphModel {
  /** Root first, then breadth first; a node reached twice is listed once. */
  nodes: GraphNode[];
  /** The tensor the graph is of: shape, dtype, whether it is a leaf. */
  root: { shape: number[]; dtype: string; isLeaf: boolean; requiresGrad: boolean };
}

/** Larger graphs (a loop unrolled by the follower) are cut: what a hover can show is far less. */
export const MAX_GRAPH_NODES = 200;

/** The graph behind `t`; `labelOf` names leaves (the variable the code bound them to). */
export function graphOf(t: Tensor, labelOf: (leaf: Tensor) => string | null = () => null): GraphModel {
  const nodes: GraphNode[] = [];
  const ids = new Map<object, number>();
  const root = { shape: [...t.shape], dtype: t.dtype, isLeaf: t.is_leaf, requiresGrad: t.requires_grad };
  const queue: object[] = [];
  const add = (key: object, make: (id: number) => GraphNode): number => {
    let id = ids.get(key);
    if (id === undefined) {
      if (nodes.length >= MAX_GRAPH_NODES) return -1;
      id = nodes.length;
      ids.set(key, id);
      nodes.push(make(id));
      queue.push(key);
    }
    return id;
  };
  const start = t.grad_fn;
  if (start) add(start, (id) => ({ id, name: start.name(), shape: [...start._outShape], dtype: start._outDtype, inputs: [] }));
  else if (t.requires_grad) add(t, (id) => leafNode(id, t, labelOf));
  while (queue.length) {
    const key = queue.shift()!;
    if (key instanceof Tensor) continue;
    const node = nodes[ids.get(key)!]!;
    for (const [next] of (key as NonNullable<Tensor['grad_fn']>).next_functions) {
      if (!next) continue;
      const id = 'variable' in next
        ? add(next.variable, (i) => leafNode(i, next.variable, labelOf))
        : add(next, (i) => ({ id: i, name: next.name(), shape: [...next._outShape], dtype: next._outDtype, inputs: [] }));
      if (id >= 0) node.inputs.push(id);
    }
  }
  return { nodes, root };
}

function leafNode(id: number, leaf: Tensor, labelOf: (leaf: Tensor) => string | null): GraphNode {
  return { id, name: 'AccumulateGrad', shape: [...leaf.shape], dtype: leaf.dtype, leaf: { label: labelOf(leaf), requiresGrad: leaf.requires_grad }, inputs: [] };
}

/** The leaves that will receive a gradient, in graph order. */
export function leavesOf(g: GraphModel): GraphNode[] {
  return g.nodes.filter((n) => n.leaf);
}

/** A node's display name: `AccumulateGrad (x)` for a named leaf. */
export function nodeLabel(n: GraphNode): string {
  return n.leaf?.label ? `${n.name} (${n.leaf.label})` : n.name;
}

/** The graph as one line when it is a chain, `SumBackward0 → TanhBackward0 → AccumulateGrad (x)`; else null. */
export function chainText(g: GraphModel): string | null {
  if (!g.nodes.length) return null;
  const out: string[] = [];
  let n: GraphNode | undefined = g.nodes[0];
  while (n) {
    out.push(nodeLabel(n));
    if (n.inputs.length > 1) return null;
    n = n.inputs.length ? g.nodes[n.inputs[0]!] : undefined;
  }
  return out.length === g.nodes.length ? out.join(' \u2192 ') : null;
}

/** The graph as indented lines (root first, inputs below), a node met again shown by name only. */
export function treeLines(g: GraphModel, maxLines = 40): string[] {
  const lines: string[] = [];
  const seen = new Set<number>();
  const walk = (id: number, depth: number) => {
    if (lines.length >= maxLines) return;
    const n = g.nodes[id]!;
    const again = seen.has(id);
    lines.push(`${'  '.repeat(depth)}${depth ? '\u2514 ' : ''}${nodeLabel(n)}${again && n.inputs.length ? ' \u2026' : ''}`);
    if (again) return;
    seen.add(id);
    for (const i of n.inputs) walk(i, depth + 1);
  };
  if (g.nodes.length) walk(0, 0);
  return lines;
}

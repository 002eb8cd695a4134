// The extension point: what the interpreter can call. Functions are found by their dotted path as
// PyTorch documents it (`torch.sigmoid`, `torch.nn.functional.gelu`, `math.sqrt`, `builtins.abs`),
// Tensor methods and attributes by name. Each table entry lives in a file of its own topic
// (torchFunctions.ts, tensorMethods.ts, …) that registers itself when imported; a new capability
// (tensor creation with requires_grad, backward, .grad) is a new file and one import line in
// index.ts, never an edit of the evaluator.
import type { Tensor } from '../engine';
import type { Budget } from './budget';
import type { CallArgs, CallSite, Value } from './values';

/** What a handler may ask of the running interpreter. */
export interface Ctx {
  /** Ends evaluation as not evaluable: `construct` names what was met, e.g. "torch.fft.fft". */
  fail(construct: string, line: number): never;
  /** Charges `n` tensor elements to the budget (call before creating them). */
  reserve(n: number, line: number): void;
  /** Calls any callable value (a user function, a builtin, a bound method). */
  call(fn: Value, call: CallArgs, site: CallSite): Value;
  readonly budget: Budget;
  /** Per-evaluation state a handler family keeps (keyed by its own symbol or name). */
  readonly state: Map<unknown, unknown>;
}

export type FunctionHandler = (call: CallArgs, site: CallSite, ctx: Ctx) => Value;
export type MethodHandler = (self: Tensor, call: CallArgs, site: CallSite, ctx: Ctx) => Value;
export type AttributeHandler = (self: Tensor, site: CallSite, ctx: Ctx) => Value;

const functions = new Map<string, FunctionHandler>();
const methods = new Map<string, MethodHandler>();
const attributes = new Map<string, AttributeHandler>();
const constants = new Map<string, Value>();
/** Context managers by name (`with torch.no_grad():`): each runs the block inside its own setting. */
export type ContextHandler = <T>(run: () => T) => T;
const contexts = new Map<string, ContextHandler>();
export function registerContext(name: string, h: ContextHandler): void {
  contexts.set(name, h);
}
export function contextNamed(name: string): ContextHandler | undefined {
  return contexts.get(name);
}
/** Dotted paths that are modules or namespaces (attribute access goes through them). */
const modules = new Set<string>();

export function registerFunction(paths: string | string[], h: FunctionHandler): void {
  for (const p of typeof paths === 'string' ? [paths] : paths) functions.set(p, h);
}
export function registerMethod(names: string | string[], h: MethodHandler): void {
  for (const n of typeof names === 'string' ? [names] : names) methods.set(n, h);
}
export function registerTensorAttribute(names: string | string[], h: AttributeHandler): void {
  for (const n of typeof names === 'string' ? [names] : names) attributes.set(n, h);
}
export function registerModule(paths: string | string[]): void {
  for (const p of typeof paths === 'string' ? [paths] : paths) modules.add(p);
}

/** A module-level value: `math.pi`, `torch.float64`. */
export function registerConstant(path: string, v: Value): void {
  constants.set(path, v);
}
export function constantAt(path: string): Value | undefined {
  return constants.get(canonicalPath(path));
}

export function functionAt(path: string): FunctionHandler | undefined {
  return functions.get(canonicalPath(path));
}
export function methodNamed(name: string): MethodHandler | undefined {
  return methods.get(name);
}
export function attributeNamed(name: string): AttributeHandler | undefined {
  return attributes.get(name);
}
export function isModulePath(path: string): boolean {
  return modules.has(canonicalPath(path));
}
/** Every registered function path (tests list them; the hover's formula typesetter checks names). */
export function functionPaths(): string[] {
  return [...functions.keys()];
}

/** PyTorch's aliases for one namespace: `torch.nn.modules.activation` is `torch.nn`, and so on. */
const ALIASES: [string, string][] = [
  ['torch.nn.modules.activation.', 'torch.nn.'],
  ['torch.nn.modules.module.', 'torch.nn.'],
  ['torch.nn.parameter.', 'torch.nn.'],
  ['torch._C._nn.', 'torch.nn.functional.'],
];

export function canonicalPath(path: string): string {
  // Asked for every name and attribute the interpreter resolves: an indexed loop, no iterator or
  // destructuring per alias (what unoptimized code pays for most here).
  for (let i = 0; i < ALIASES.length; i++) {
    const alias = ALIASES[i]!;
    if (path.startsWith(alias[0])) return alias[1] + path.slice(alias[0].length);
  }
  return path;
}

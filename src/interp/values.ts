// What the interpreter's expressions evaluate to. Python's own values map onto JavaScript ones:
// int → bigint (exact, as Python's), float → number, bool → boolean, str → string, None → null;
// tensors are the engine's. Everything else is one of the small classes below.
import { Tensor } from '../engine';
import type { Expr, FunctionDef, Param } from './ast';
import type { Scope } from './scope';
import type { Ctx } from './registry';

export type Value =
  | Tensor
  | bigint
  | number
  | boolean
  | string
  | null
  | PyTuple
  | PyList
  | PyFunction
  | Builtin
  | BoundMethod
  | ModuleRef
  | PyClass
  | PyObject
  | Opaque;

export class PyTuple {
  constructor(readonly items: Value[]) {}
}
export class PyList {
  constructor(readonly items: Value[]) {}
}

/** A `def` or `lambda` of the user's, closed over the scope it was defined in. */
export class PyFunction {
  constructor(
    readonly name: string,
    readonly params: Param[],
    private readonly code: { readonly body: FunctionDef['body'] | Expr },
    readonly closure: Scope,
    /** Default values, evaluated once where the function was defined (as Python does). */
    readonly defaults: Map<string, Value>,
    readonly line: number,
  ) {}

  /** A def's body, or a lambda's expression: read when called, since a method's body may be lowered only then (lower.ts). */
  get body(): FunctionDef['body'] | Expr {
    return this.code.body;
  }
}

export interface CallSite {
  /** 0-based line of the call (for reasons). */
  line: number;
}

/** Positional and keyword arguments as a call received them. */
export interface CallArgs {
  args: Value[];
  kwargs: Map<string, Value>;
}

/**
 * A function the interpreter provides: a torch/F/math function, a Tensor method, a builtin.
 * `path` is its dotted name as PyTorch documents it (`torch.sigmoid`, `Tensor.clamp`).
 */
export class Builtin {
  constructor(
    readonly path: string,
    readonly fn: (call: CallArgs, site: CallSite, ctx: Ctx) => Value,
  ) {}
}

export class BoundMethod {
  constructor(
    readonly self: Value,
    readonly fn: PyFunction | Builtin,
  ) {}
}

/** A module or namespace reached through imports: `torch`, `torch.nn.functional`, `math`. */
export class ModuleRef {
  constructor(readonly path: string) {}
}

/** A user class (an nn.Module subclass, say). Methods are read from its body when called. */
export class PyClass {
  constructor(
    readonly name: string,
    readonly bases: Value[],
    readonly attrs: Map<string, Value>,
    readonly line: number,
  ) {}

  lookup(name: string): Value | undefined {
    if (this.attrs.has(name)) return this.attrs.get(name);
    for (const b of this.bases) if (b instanceof PyClass) {
      const v = b.lookup(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Dotted paths of the library classes this one derives from (`torch.nn.Module`). */
  libraryBases(): string[] {
    const out: string[] = [];
    for (const b of this.bases) {
      if (b instanceof PyClass) out.push(...b.libraryBases());
      else if (b instanceof ModuleRef) out.push(b.path);
    }
    return out;
  }
}

/** An instance: `self` inside __init__ and forward. */
export class PyObject {
  readonly attrs = new Map<string, Value>();
  /** Attribute names whose value came from nn.Parameter(...): learned, evaluated at their initial value. */
  readonly learned = new Set<string>();
  constructor(readonly cls: PyClass) {}
}

/**
 * A value the interpreter may hold but not compute with: a dtype, a device, a no_grad context.
 * `tag` says what it is; handlers recognise it (a dtype's tag is 'dtype' and its name `float32`).
 */
export class Opaque {
  constructor(
    readonly tag: string,
    readonly name: string,
  ) {}
}

export function isTensor(v: Value): v is Tensor {
  return v instanceof Tensor;
}

/** Python's type name of a value, for messages. */
export function typeName(v: Value): string {
  if (v === null) return 'NoneType';
  if (v instanceof Tensor) return 'Tensor';
  switch (typeof v) {
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'boolean': return 'bool';
    case 'string': return 'str';
  }
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyList) return 'list';
  if (v instanceof PyFunction || v instanceof Builtin || v instanceof BoundMethod) return 'function';
  if (v instanceof ModuleRef) return 'module';
  if (v instanceof PyClass) return 'type';
  if (v instanceof PyObject) return v.cls.name;
  return v.tag;
}

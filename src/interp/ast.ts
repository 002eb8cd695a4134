// The Python subset the interpreter reads, as plain data lowered from tree-sitter's tree
// (lower.ts). Anything outside the subset is kept as an `unsupported` node naming the construct,
// so a definition fails only when evaluation actually reaches it (an `if dim is None: raise`
// branch that is never taken costs nothing).

/** 0-based lines, UTF-16 columns: the same coordinates as the python layer's SourceRange. */
export interface At {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '&' | '|' | '^' | '<<' | '>>';
export type CmpOp = '<' | '<=' | '>' | '>=' | '==' | '!=' | 'is' | 'is not' | 'in' | 'not in';

export interface Arg {
  /** Keyword name, or undefined for a positional argument. */
  name?: string;
  /** `*args` / `**kwargs` unpacking at the call site. */
  star?: '*' | '**';
  value: Expr;
}

export interface Param {
  name: string;
  default?: Expr;
  /** `*args`, `**kwargs`, or a parameter after `*` (keyword-only). */
  kind: 'plain' | 'star' | 'kwstar' | 'kwonly';
  at: At;
}

export type Expr =
  | { k: 'name'; id: string; at: At }
  | { k: 'num'; v: number | bigint; at: At }
  | { k: 'str'; v: string; at: At }
  | { k: 'const'; v: boolean | null; at: At }
  | { k: 'bin'; op: BinOp; l: Expr; r: Expr; at: At }
  | { k: 'unary'; op: '-' | '+' | '~' | 'not'; e: Expr; at: At }
  | { k: 'bool'; op: 'and' | 'or'; l: Expr; r: Expr; at: At }
  | { k: 'cmp'; ops: CmpOp[]; operands: Expr[]; at: At }
  | { k: 'ifexp'; test: Expr; body: Expr; orelse: Expr; at: At }
  | { k: 'call'; fn: Expr; args: Arg[]; at: At }
  | { k: 'attr'; obj: Expr; name: string; at: At; nameAt: At }
  | { k: 'subscript'; obj: Expr; index: Expr; at: At }
  | { k: 'slice'; lower: Expr | null; upper: Expr | null; step: Expr | null; at: At }
  | { k: 'ellipsis'; at: At }
  | { k: 'tuple' | 'list'; items: Expr[]; at: At }
  /** `{k: v, …}`: its keys and values in the order Python evaluates them (k1, v1, k2, v2, …); a value the interpreter holds but cannot read. */
  | { k: 'dict'; items: Expr[]; at: At }
  | { k: 'lambda'; params: Param[]; body: Expr; at: At }
  | { k: 'unsupported'; what: string; at: At };

export type Stmt =
  | { k: 'assign'; targets: Expr[]; value: Expr; at: At }
  | { k: 'augassign'; target: Expr; op: BinOp; value: Expr; at: At }
  | { k: 'expr'; e: Expr; at: At }
  | { k: 'return'; e: Expr | null; at: At }
  | { k: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[]; at: At }
  | { k: 'with'; items: Expr[]; body: Stmt[]; at: At }
  | { k: 'pass'; at: At }
  | { k: 'def'; fn: FunctionDef; at: At }
  | { k: 'class'; cls: ClassDef; at: At }
  | { k: 'import'; bindings: ImportBinding[]; at: At }
  | { k: 'unsupported'; what: string; at: At };

export interface ImportBinding {
  local: string;
  /** Dotted path the name stands for: `torch.nn.functional`, `math.pi`. */
  target: string;
}

export interface FunctionDef {
  name: string;
  params: Param[];
  body: Stmt[];
  decorators: Expr[];
  at: At;
  nameAt: At;
}

export interface ClassDef {
  name: string;
  bases: Expr[];
  body: Stmt[];
  at: At;
  nameAt: At;
}

/** A lowered file (or notebook cell): its statements in order. */
export interface ModuleAst {
  body: Stmt[];
  /**
   * A module read lazily (src/custom/lazyFile.ts): the top-level statements that bind `name`, in
   * order — what indexing `body` by boundNames gives — without lowering the rest of the file.
   * The interpreter resolves names through it when present and never reads `body`.
   */
  statementsBinding?: (name: string) => Stmt[];
}

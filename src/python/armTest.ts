// The branch a model's output was built under, as plain data another file can read: the test of
// an `if` on a constructor's (or a model factory's) parameters (`if extra is not None:`, `if task
// == "binary":`, `if name == "gru": return GRUNet()`), with what each parameter is by default. The
// file that builds the model (`Net(32, 6, extra=16)`, `get_model(args.model)`) says what its call
// gives each parameter: a literal decides the test, a value read at run time does not.
import { and, compare, foldString, not, or, truthy, type PyValue, type StringFold, type Tri } from './branches';

/** A test over the parameters of the building call (OutputEnd.arms). */
export type ArmExpr =
  | { k: 'lit'; v: PyValue }
  /** A parameter: its position among those a call gives (self not counted), its name, its default when a literal (`null` for none or another value). */
  | { k: 'param'; name: string; index: number; dflt: { value: PyValue } | null; fold?: StringFold }
  | { k: 'not'; a: ArmExpr }
  | { k: 'and' | 'or'; a: ArmExpr; b: ArmExpr }
  | { k: 'cmp'; op: string; a: ArmExpr; b: ArmExpr | { list: PyValue[] } }
  | { k: 'truthy'; a: ArmExpr }
  /** What a parameter holds inside (`args.model`, `cfg["arch"]`): no literal a call gives says it. */
  | { k: 'unknown' };

/** One branch the output needs: the test is `want` (an else arm wants the tests before it false). */
export interface ArmTest {
  /** The module-level class (its `__init__`'s parameters) or function (a factory's) whose call gives what the test reads. */
  owner: string;
  test: ArmExpr;
  want: boolean;
  /** Whichever way it goes, the output meets the loss (every arm builds the activation followed, or a model factory's arms): a call giving a value read at run time takes it too. */
  agree?: true;
}

/**
 * What the building call gives: by position and keyword, each a literal or null (a value read at
 * run time); `open` where it splats (`*args`, `**cfg`: any parameter may be given). Absent: the
 * call is not known.
 */
export interface CallArgs {
  pos: Array<{ value: PyValue } | null>;
  kw: Record<string, { value: PyValue } | null>;
  open?: true;
}

type Operand = { value: PyValue } | 'unknown';

function operand(e: ArmExpr, args: CallArgs | undefined): Operand {
  if (e.k === 'lit') return { value: e.v };
  if (e.k !== 'param') return 'unknown';
  if (!args) return 'unknown';
  let v: { value: PyValue } | null | undefined;
  if (Object.prototype.hasOwnProperty.call(args.kw, e.name)) v = args.kw[e.name];
  else if (e.index < args.pos.length) v = args.pos[e.index];
  else if (!args.open) v = e.dflt;
  return !v ? 'unknown' : e.fold ? foldString(v, e.fold) : v;
}

/** The test's value given the call's arguments: true, false or unknown. */
export function evaluateArm(e: ArmExpr, args: CallArgs | undefined, depth = 0): Tri {
  if (depth > 16) return 'unknown';
  switch (e.k) {
    case 'not': return not(evaluateArm(e.a, args, depth + 1));
    case 'and': return and(evaluateArm(e.a, args, depth + 1), evaluateArm(e.b, args, depth + 1));
    case 'or': return or(evaluateArm(e.a, args, depth + 1), evaluateArm(e.b, args, depth + 1));
    case 'cmp': {
      const a = operand(e.a, args);
      const b = 'list' in e.b ? e.b.list : operand(e.b, args);
      if (a === 'unknown' || b === 'unknown') return 'unknown';
      return compare(e.op, a.value, Array.isArray(b) ? b : b.value);
    }
    default: {
      const o = operand(e.k === 'truthy' ? e.a : e, args);
      return o === 'unknown' ? 'unknown' : truthy(o.value);
    }
  }
}

/** Does a call with these arguments take every branch of `arms` (where none says otherwise, a run-time value takes an agreeing branch only)? */
export function callTakes(arms: readonly ArmTest[], args: CallArgs | undefined): boolean {
  for (const t of arms) {
    let r = evaluateArm(t.test, args);
    if (typeof r === 'boolean') r = r === t.want;
    if (r === false) return false;
    if (r !== true && !t.agree) return false;
  }
  return true;
}

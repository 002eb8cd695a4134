// Where a user-defined activation is used and what each use is: the role and the loss its value
// reaches, by the python layer's flow (the same that judges built-ins; never by names), and the
// advice that follows — the built-in's own rules when it equals one, else what its measured shape
// means in that role.
import { advise, adviseShape, type Finding } from '../advice';
import { getActivation } from '../catalog';
import { english, type Translate } from '../i18n';
import { GATES, judgeNames, type NameVerdict } from '../python';
import type { CustomFile, CustomUse, FoundDefinition } from './find';
import type { CustomReport } from './report';

export interface UseRole extends NameVerdict {
  use: CustomUse;
}

/** Uses followed for a definition's hover: enough to say where it goes, bounded for generated files. */
const MAX_USES = 40;

function inside(d: FoundDefinition, u: CustomUse): boolean {
  if ((d.cell ?? 0) !== (u.cell ?? 0)) return false;
  const r = d.range, p = u.range;
  const after = p.line > r.line || (p.line === r.line && p.column >= r.column);
  const before = p.line < r.endLine || (p.line === r.endLine && p.column <= r.endColumn);
  return after && before;
}

/** The uses of `def` outside its own definition. */
export function usesOf(file: CustomFile, def: FoundDefinition): CustomUse[] {
  return file.uses.filter((u) => u.name === def.name && !inside(def, u));
}

/** The role and loss of each (definition, use) pair, read in one pass of the flow; pairs it cannot judge are left out. */
export function judgeUses(file: CustomFile, pairs: ReadonlyArray<{ def: FoundDefinition; use: CustomUse }>): Array<UseRole & { def: FoundDefinition }> {
  if (!pairs.length) return [];
  let verdicts: Array<NameVerdict | null>;
  try {
    verdicts = judgeNames(file.sources, pairs.map(({ def, use }) => ({ cell: use.cell ?? 0, range: use.range, module: def.kind === 'module' })));
  } catch {
    return []; // what the flow cannot read costs the advice, never the hover
  }
  const out: Array<UseRole & { def: FoundDefinition }> = [];
  pairs.forEach(({ def, use }, i) => { const v = verdicts[i]; if (v) out.push({ def, use, ...v }); });
  return out;
}

/** The uses of `def` outside its own definition (or just `only`), each with its role and loss. */
export function rolesOfUses(file: CustomFile, def: FoundDefinition, only?: CustomUse): UseRole[] {
  const uses = only ? [only] : usesOf(file, def).slice(0, MAX_USES);
  return judgeUses(file, uses.map((use) => ({ def, use }))).map(({ def: _d, ...r }) => r);
}

/**
 * Advice for the definition in the roles its uses play (each role and loss once; no use: as the
 * built-ins are advised when the role is not known). Warnings first, each message once.
 */
export function adviseCustom(report: CustomReport, roles: readonly NameVerdict[], t: Translate = english): Finding[] {
  if (!report.evaluable) return [];
  const eq = report.match?.equivalent;
  const spec = eq ? getActivation(eq.id) : undefined;
  const seen = new Set<string>();
  const contexts = (roles.length ? roles : [{ role: null, loss: null }] as NameVerdict[]).filter((r) => {
    const k = `${r.role}|${r.loss}|${r.gate ? 1 : 0}`;
    return !seen.has(k) && !!seen.add(k);
  });
  const out: Finding[] = [];
  const messages = new Set<string>();
  for (const c of contexts) {
    let found: Finding[] = [];
    try {
      // A gate where the built-in it equals is one (sigmoid, hard sigmoid), as a built-in's use is judged.
      const gate = c.gate && GATES.has(spec?.id ?? '') ? { gate: true } : {};
      if (eq && spec) found = advise({ use: { id: spec.id, spelling: report.definition.name, role: c.role, loss: c.loss, params: eq.params, runtimeParams: [], ...gate }, spec }, t);
      else if (report.shape) found = adviseShape(report.shape, c, t);
    } catch {
      found = [];
    }
    for (const f of found) if (!messages.has(f.message)) { messages.add(f.message); out.push(f); }
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
}

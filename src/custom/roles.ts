// Where a user-defined activation is used and what each use is: the role and the loss its value
// reaches, by the python layer's flow (the same that judges built-ins; never by names), and the
// advice that follows — the built-in's own rules when it equals one, else what its measured shape
// means in that role.
import { advise, adviseShape, type Finding } from '../advice';
import { getActivation } from '../catalog';
import { english, type Translate } from '../i18n';
import { judgeNames, type NameVerdict } from '../python';
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

/** The uses of `def` outside its own definition (or just `only`), each with its role and loss. */
export function rolesOfUses(file: CustomFile, def: FoundDefinition, only?: CustomUse): UseRole[] {
  const uses = only ? [only] : file.uses.filter((u) => u.name === def.name && !inside(def, u)).slice(0, MAX_USES);
  if (!uses.length) return [];
  let verdicts: Array<NameVerdict | null>;
  try {
    verdicts = judgeNames(file.sources, uses.map((u) => ({ cell: u.cell ?? 0, range: u.range, module: def.kind === 'module' })));
  } catch {
    return []; // what the flow cannot read costs the advice, never the hover
  }
  const out: UseRole[] = [];
  uses.forEach((use, i) => { const v = verdicts[i]; if (v) out.push({ use, ...v }); });
  return out;
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
  const contexts = (roles.length ? roles : [{ role: null, loss: null }]).filter((r) => {
    const k = `${r.role}|${r.loss}`;
    return !seen.has(k) && !!seen.add(k);
  });
  const out: Finding[] = [];
  const messages = new Set<string>();
  for (const c of contexts) {
    let found: Finding[] = [];
    try {
      if (eq && spec) found = advise({ use: { id: spec.id, spelling: report.definition.name, role: c.role, loss: c.loss, params: eq.params, runtimeParams: [] }, spec }, t);
      else if (report.shape) found = adviseShape(report.shape, c, t);
    } catch {
      found = [];
    }
    for (const f of found) if (!messages.has(f.message)) { messages.add(f.message); out.push(f); }
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
}

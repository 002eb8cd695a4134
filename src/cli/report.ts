// `check`'s output formats: text (Ruff's shape), json (one object per line), SARIF 2.1.0 and
// GitHub workflow commands. Every string from the user's files is escaped for its format.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, RULE_BY_CODE, type Finding, type FindingSeverity, type Fix } from '../lint';
import { RULE_DOCS_BASE, rulePageName } from '../lint/docs';
import type { SourceRange } from '../python/types';

export interface Located {
  file: string;
  /** 1-based index among all the notebook's cells. */
  cell?: number;
  finding: Finding;
}

export type Format = 'text' | 'json' | 'sarif' | 'github';

const pos = (f: Finding) => ({ line: f.range.line + 1, column: f.range.column + 1, endLine: f.range.endLine + 1, endColumn: f.range.endColumn + 1 });

function fixJson(fix: Fix | undefined) {
  if (!fix) return null;
  return { applicability: fix.applicability, edits: fix.edits.map((e) => ({ line: e.range.line + 1, column: e.range.column + 1, endLine: e.range.endLine + 1, endColumn: e.range.endColumn + 1, text: e.text })) };
}

/** The fix a report shows: what `--fix` would apply, else an unsafe one, never an editor-only one. */
const shownFix = (f: Finding) => f.fixes.find((x) => !x.editorOnly && x.applicability === 'safe') ?? f.fixes.find((x) => !x.editorOnly);

export function jsonLine(l: Located): string {
  const f = l.finding;
  return JSON.stringify({ file: l.file, ...(l.cell !== undefined ? { cell: l.cell } : {}), ...pos(f), code: f.code, severity: f.severity, message: f.message, fix: fixJson(shownFix(f)) });
}

/** Control characters would let a message move the cursor or fake a line: shown as escapes. */
const visible = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function textLine(l: Located): string {
  const f = l.finding;
  const p = pos(f);
  const safe = f.fixes.some((x) => !x.editorOnly && x.applicability === 'safe');
  return `${visible(l.file)}:${l.cell !== undefined ? `cell ${l.cell}:` : ''}${p.line}:${p.column}: ${f.code}${safe ? ' [*]' : ''} ${visible(f.message)}`;
}

export function textSummary(found: Located[], fixedCount: number, fixing: boolean, unsafe: boolean): string {
  const lines: string[] = [];
  const n = found.length;
  if (n === 0 && fixedCount === 0) return 'All checks passed!\n';
  const bySeverity = new Map<FindingSeverity, number>();
  for (const l of found) bySeverity.set(l.finding.severity, (bySeverity.get(l.finding.severity) ?? 0) + 1);
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => bySeverity.get(s)).map((s) => `${bySeverity.get(s)} ${s}${bySeverity.get(s)! > 1 && s !== 'info' ? 's' : ''}`);
  lines.push(fixing ? `Found ${n + fixedCount} finding${n + fixedCount === 1 ? '' : 's'} (${fixedCount} fixed, ${n} remaining${parts.length ? ': ' + parts.join(', ') : ''}).`
    : `Found ${n} finding${n === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}.`);
  const safe = found.filter((l) => l.finding.fixes.some((x) => !x.editorOnly && x.applicability === 'safe')).length;
  const unsafeOnly = found.filter((l) => !l.finding.fixes.some((x) => !x.editorOnly && x.applicability === 'safe') && l.finding.fixes.some((x) => !x.editorOnly)).length;
  if (safe && !fixing) lines.push(`[*] ${safe} fixable with the \`--fix\` option.`);
  if (unsafeOnly && !unsafe) lines.push(`${unsafeOnly} more fix${unsafeOnly === 1 ? '' : 'es'} available with \`--fix --unsafe-fixes\`.`);
  return lines.join('\n') + '\n';
}

const regionOf = (r: SourceRange) => ({ startLine: r.line + 1, startColumn: r.column + 1, endLine: r.endLine + 1, endColumn: r.endColumn + 1 });

const LEVEL: Record<FindingSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A file path as a SARIF artifact URI: relative, forward slashes, percent-encoded. */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep).map((p) => encodeURIComponent(p)).join('/');
}

export function sarif(found: Located[], version: string): string {
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Activation Lens',
          version,
          informationUri: 'https://example.invalid/activation-lens',
          rules: RULES.map((r) => ({
            id: r.code,
            name: r.name.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
            shortDescription: { text: r.summary.charAt(0).toUpperCase() + r.summary.slice(1) + '.' },
            helpUri: RULE_DOCS_BASE + rulePageName(r.code),
            help: { text: `See ${RULE_DOCS_BASE + rulePageName(r.code)}` },
            defaultConfiguration: { level: LEVEL[r.severity] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: found.map((l) => {
        const f = l.finding;
        const p = pos(f);
        const rule = RULE_BY_CODE.get(f.code);
        return {
          ruleId: f.code,
          ...(rule ? { ruleIndex: index.get(f.code) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message.endsWith('.') ? f.message : f.message + '.' },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(l.file) }, region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn } } }],
          ...(f.related?.length ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, physicalLocation: { artifactLocation: { uri: artifactUri(r.file) }, region: regionOf(r.range) }, message: { text: r.message }, ...(r.cell !== undefined ? { properties: { cell: r.cell } } : {}) })) } : {}),
          ...(l.cell !== undefined ? { properties: { cell: l.cell } } : {}),
        };
      }),
    }],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubLine(l: Located): string {
  const f = l.finding;
  const p = pos(f);
  const kind = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
  const where = l.cell !== undefined ? ` (cell ${l.cell})` : '';
  return `::${kind} file=${ghProp(l.file)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${ghProp(f.code)}::${ghData(f.message + where)}`;
}

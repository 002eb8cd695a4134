// zh-cn for real: every user-facing string the extension can show — t()/l10n.t() texts in the
// host, the hover, the panels and the CLI's messages, package.json's %keys% (commands, settings,
// views, walkthrough), and the rule pages' titles — has a Simplified Chinese translation with the
// same placeholders. Fails on any untranslated key, naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_BY_CODE } from '../../src/lint/rules';

const zh: Record<string, string> = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8'));
const nlsEn: Record<string, string> = JSON.parse(readFileSync('package.nls.json', 'utf8'));
const nlsZh: Record<string, string> = JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8'));
const placeholders = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join();

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mts)$/.test(p) && !p.includes('.generated.') ? [p] : [];
  });
}

/** Literal first arguments of t(...), l10n.t(...) and vscode.l10n.t(...) calls. */
function literalKeys(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/\b(?:l10n\.)?t\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1\s*[,)]/g)) out.push(m[2].replace(/\\(['"\\])/g, '$1'));
  return out;
}

test('every t() text in src/ and webview/ has a zh-cn translation with the same placeholders', () => {
  const missing: string[] = [];
  for (const f of [...files('src'), ...files('webview')]) {
    if (f === 'src/i18n.ts') continue;
    for (const key of literalKeys(f)) {
      if (!/[A-Za-z]{2,}/.test(key)) continue; // symbols and numbers only: nothing to translate
      if (!zh[key]) missing.push(`${f}: ${JSON.stringify(key)}`);
      else if (placeholders(zh[key]) !== placeholders(key)) missing.push(`${f}: placeholders differ: ${JSON.stringify(key)}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every %key% of package.json (commands, settings, views, walkthroughs) exists in English and Chinese, and the Chinese is Chinese', () => {
  const refs = new Set<string>();
  const walk = (o: unknown) => {
    if (typeof o === 'string') { for (const m of o.matchAll(/%([\w.-]+)%/g)) refs.add(m[1]); }
    else if (o && typeof o === 'object') for (const v of Object.values(o)) walk(v);
  };
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  walk(pkg.contributes);
  walk(pkg.description);
  assert.ok(refs.size >= 15, [...refs].join());
  const problems: string[] = [];
  for (const k of refs) {
    if (!nlsEn[k]) problems.push(`package.nls.json lacks ${k}`);
    if (!nlsZh[k]) problems.push(`package.nls.zh-cn.json lacks ${k}`);
    else if (nlsZh[k] === nlsEn[k] && !/^[\sA-Za-z]*Lens[\sA-Za-z]*$/.test(nlsEn[k])) problems.push(`package.nls.zh-cn.json: ${k} is the English text`);
    else if (!/[\u4e00-\u9fff]/.test(nlsZh[k]) && nlsZh[k] !== nlsEn[k]) problems.push(`package.nls.zh-cn.json: ${k} has no Chinese`);
  }
  for (const k of Object.keys(nlsEn)) if (!nlsZh[k]) problems.push(`package.nls.zh-cn.json lacks ${k} (in package.nls.json)`);
  assert.deepEqual(problems, []);
});

test('every rule page\'s title has a zh-cn translation', () => {
  // A page's heading is "AL101 softmax-before-cross-entropy": the code and the rule's name are
  // identifiers (as in Ruff), and the words a reader sees for the rule are its summary.
  const dir = 'docs/rules';
  const pages = existsSync(dir) ? readdirSync(dir).filter((f) => /^[A-Z]+\d+\.md$/.test(f)) : [];
  assert.ok(pages.length >= 10, `found ${pages.length} rule pages`);
  const missing: string[] = [];
  for (const p of pages) {
    const code = /^#\s+([A-Z]+\d+)\b/m.exec(readFileSync(join(dir, p), 'utf8'))?.[1];
    const rule = code ? RULE_BY_CODE.get(code) : undefined;
    if (!rule) { missing.push(`${p}: no rule record for its heading`); continue; }
    if (!zh[rule.summary] || !/[\u4e00-\u9fff]/.test(zh[rule.summary])) missing.push(`${p}: ${JSON.stringify(rule.summary)}`);
  }
  assert.deepEqual(missing, []);
});

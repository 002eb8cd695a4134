// activationLens.lint.* as LintOptions; the editor shows hints (faint dots) unless the user selects codes.
import * as vscode from 'vscode';
import type { LintOptions } from '../lint';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function lintSettings(scope?: vscode.ConfigurationScope): { enabled: boolean; options: LintOptions } {
  const c = vscode.workspace.getConfiguration('activationLens.lint', scope);
  const severity = c.get<unknown>('severity');
  return {
    enabled: c.get<boolean>('enable', true) !== false,
    options: {
      select: strings(c.get('select')),
      ignore: strings(c.get('ignore')),
      showHints: true,
      severity: severity && typeof severity === 'object' ? (severity as Record<string, string>) : {},
    },
  };
}

export const t = (message: string, ...args: Array<string | number | boolean>) => vscode.l10n.t(message, ...args);

// Runs first (see test/vscode/index.ts): nothing may have activated the extension yet.
import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, extension, note, openDemoFile, waitFor } from '../helpers';

interface Api { activationMs?: number | (() => number) }

suite('activation (real VS Code extension host)', () => {
  suiteTeardown(closeAllEditors);

  test('runs in a real VS Code with demo/ open', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    assert.equal(folders[0].name, 'demo');
  });

  test('is not active before a Python file is opened (activation is lazy)', () => {
    assert.equal(extension().isActive, false, 'something activated the extension before any Python file was opened');
  });

  test('activates when a Python file is opened', async () => {
    const t0 = performance.now();
    const editor = await openDemoFile('mlp.py');
    assert.equal(editor.document.languageId, 'python');
    await waitFor(() => extension().isActive, 'the extension to activate after opening mlp.py', 45_000, 5);
    note(`activation seen ${(performance.now() - t0).toFixed(0)} ms after opening mlp.py (includes opening the editor and loading the bundle)`);
  });

  test('registers every command package.json contributes', async () => {
    const contributed = ((extension().packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [])
      .map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  // Its 50 ms budget is checked by the benchmark (`npm run bench -- hover`, the activate() row), not
  // here: a time measured on a shared CI runner fails by chance (51.2 ms once on this machine in a
  // slow phase), which a timed test must not. Here: that it is measured, and reported.
  test('activate() measures and reports its own time inside the host', () => {
    const api = extension().exports as Api | undefined;
    assert.ok(api && api.activationMs !== undefined, 'activate() must return { activationMs } (see src/extension.ts)');
    const ms = typeof api.activationMs === 'function' ? api.activationMs() : api.activationMs;
    note(`activate() took ${ms} ms inside the extension host (budget 50 ms: checked by npm run bench -- hover)`);
    assert.ok(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0, `activationMs not measured: ${ms}`);
  });

  // Set by the code-server runner when the extension was installed from the packaged .vsix.
  const installed = process.env.ACTIVATION_LENS_INSTALLED_EXTENSION;
  if (installed) {
    test('the code running is the one installed from the .vsix', () => {
      assert.equal(realpathSync(extension().extensionPath), realpathSync(installed));
    });
  }
});

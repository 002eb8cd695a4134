// `npm run test:electron`: the same extension-host suite under @vscode/test-electron, the
// ecosystem's standard runner, for machines with a desktop VS Code: `VSCODE_EXECUTABLE=/path/to/code`,
// or none and let it download one (needs internet; on Linux without a display, run under xvfb-run).
// Offline (like CI here) use `npm run test:vscode`, which runs this suite in code-server.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runTests } from '@vscode/test-electron';
import { buildHostTests, ROOT } from './build.mjs';
import { printResults, readResults } from './results';

async function main(): Promise<number> {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
  const testsEntry = await buildHostTests();
  const run = join(ROOT, '.vscode-test', 'runs', 'electron');
  mkdirSync(run, { recursive: true });
  const results = join(run, 'results.json');
  rmSync(results, { force: true });
  // A fresh profile each run, so no editor is restored before the activation test.
  const userData = mkdtempSync(join(tmpdir(), 'activation-lens-vscode-'));
  let launchError: unknown;
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsEntry,
      launchArgs: [join(ROOT, 'demo'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`],
      extensionTestsEnv: { ACTIVATION_LENS_TEST_RESULTS: results },
    });
  } catch (e) {
    launchError = e;
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
  const r = readResults(results);
  if (!r) {
    console.log(`FAILED: VS Code did not run the suite: ${String((launchError as Error)?.message ?? launchError)}`);
    console.log('  Set VSCODE_EXECUTABLE to a desktop VS Code (`code` binary), or allow @vscode/test-electron to download one.');
    console.log('  Offline, use `npm run test:vscode` (code-server).');
    console.log('0 passed, 1 failed');
    return 1;
  }
  return printResults(r, 'extension-host suite (@vscode/test-electron)') ? 1 : 0;
}

main().then((c) => process.exit(c), (e) => {
  console.error(`test:electron could not run: ${(e as Error).message ?? e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

// `npm run test:vscode`: the extension-host suite inside a real VS Code (code-server 1.139 from the
// cache in .vscode-test/), driven by Chromium: the extension host only runs while a page is open.
//
// By default the extension is packaged (`npm run package`), installed with
// `code-server --install-extension`, and that installed folder is what the suite tests.
// Options:
//   --dev             load the working tree (dist/ from `npm run build`) instead of the .vsix
//   --grep TEXT       only tests whose full title contains TEXT
//   --file NAME       only suite files whose path contains NAME (repeatable, comma list)
import { mkdirSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildHostTests, ROOT } from './build.mjs';
import { printResults, readResults } from './results';
import { ensureCodeServer, findBrowser } from '../../scripts/vscode-setup.mjs';
import { packageVsix } from '../../scripts/package.mjs';
import {
  UNRELATED_BUILTINS, newRunFolder, baseSettings, extensionHostLogs, installVsix, launchBrowser, makeRunDirs, startCodeServer, workbenchUrl, writeUserSettings,
  type CodeServer,
} from '../../scripts/vscode-server.mjs';

const LABEL = 'extension-host suite (code-server)';
const TIMEOUT_MS = Number(process.env.ACTIVATION_LENS_HOST_TIMEOUT_MS ?? 180_000);

function arg(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => { if (a === name && process.argv[i + 1]) out.push(...process.argv[i + 1].split(',')); });
  return out;
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const dev = process.argv.includes('--dev');
  // Progress goes to stderr (shown live by `npm test`); results and counts to stdout.
  const step = (what: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);

  findBrowser();
  ensureCodeServer();
  const run = newRunFolder('host');
  const testsEntry = await buildHostTests(join(run, 'tests'));
  const dirs = makeRunDirs(run);
  writeUserSettings(dirs, baseSettings('dark'));

  let extensionPath: string;
  const env: NodeJS.ProcessEnv = { ACTIVATION_LENS_TEST_RESULTS: join(run, 'results.json') };
  if (dev) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
    extensionPath = ROOT;
    step('built the working tree (--dev)');
  } else {
    const vsix = packageVsix(join(run, 'activation-lens.vsix'));
    extensionPath = installVsix(vsix, dirs);
    env.ACTIVATION_LENS_INSTALLED_EXTENSION = extensionPath;
    step('packaged the .vsix and installed it with code-server --install-extension');
  }
  const grep = arg('--grep');
  if (grep.length) env.ACTIVATION_LENS_TEST_GREP = grep.join('|');
  const files = arg('--file');
  if (files.length) env.ACTIVATION_LENS_TEST_FILES = files.join(',');

  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const cleanup = async () => { await browser?.close().catch(() => {}); await server?.stop(); };
  process.once('SIGINT', () => { void cleanup().then(() => process.exit(130)); });
  try {
    server = await startCodeServer({ dirs, smokeTestDriver: true, env, disableExtensions: UNRELATED_BUILTINS });
    step(`code-server on ${server.url}`);
    browser = await launchBrowser(dirs.home);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    // The extension under development replaces any installed copy; it is the .vsix's own folder by default.
    await page.goto(workbenchUrl(server, { folder: join(ROOT, 'demo'), extensionDevelopmentPath: extensionPath, extensionTestsPath: testsEntry }),
      { waitUntil: 'domcontentloaded', timeout: 120_000 });
    step('workbench page opened; waiting for the suite');
    const deadline = Date.now() + TIMEOUT_MS;
    while (!existsSync(env.ACTIVATION_LENS_TEST_RESULTS!) && Date.now() < deadline && server.proc.exitCode === null) {
      await page.waitForTimeout(200).catch(() => {});
    }
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'vscode-host-suite.png') }).catch(() => {});
    const results = readResults(env.ACTIVATION_LENS_TEST_RESULTS!);
    if (!results) {
      console.log(`FAILED: the suite wrote no results within ${TIMEOUT_MS / 1000} s.`);
      console.log(`  code-server log: ${server.log}`);
      for (const l of extensionHostLogs(dirs)) console.log(`  extension host log: ${l}`);
      console.log(consoleLines.filter((l) => /error|fail|test/i.test(l)).slice(-20).map((l) => `  ${l.slice(0, 300)}`).join('\n'));
      console.log('0 passed, 1 failed');
      return 1;
    }
    for (const l of extensionHostLogs(dirs)) copyFileSync(l, join(ROOT, 'test-results', `vscode-host-${l.split('/').pop()}`));
    const failed = printResults(results, LABEL);
    step('done');
    return failed ? 1 : 0;
  } finally {
    await cleanup();
    rmSync(run, { recursive: true, force: true }); // logs were copied to test-results/
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`${LABEL} could not run: ${(e as Error).message ?? e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

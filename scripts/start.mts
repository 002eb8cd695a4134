// `npm start`: build, then open the extension in a real VS Code with the demo/ workspace.
// - A desktop VS Code on PATH (`code`): `code --extensionDevelopmentPath=<repo> demo`.
// - Otherwise (or with --code-server): the cached code-server from .vscode-test/ on 127.0.0.1
//   (port 8080 if free), the extension loaded from this working tree, and a URL to open.
//   esbuild keeps rebuilding on change (run "Developer: Reload Window" to pick it up).
//   Ctrl+C stops everything started here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, CACHE } from './vscode-setup.mjs';
import { baseSettings, freePort, makeRunDirs, startCodeServer, workbenchUrl, writeUserSettings, type CodeServer } from './vscode-server.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DEMO = join(ROOT, 'demo');

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);

  if (onPath('code') && !process.argv.includes('--code-server')) {
    console.log('Opening VS Code with the extension under development and demo/ ...');
    const r = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, DEMO], { stdio: 'inherit' });
    process.exit(r.status ?? 0);
  }

  ensureCodeServer();
  const dirs = makeRunDirs(join(CACHE, 'start'));
  // The profile persists between runs (layout, opened editors); seed it once.
  if (!existsSync(join(dirs.userData, 'User', 'settings.json'))) writeUserSettings(dirs, baseSettings('dark'));
  const port = await freePort(Number(process.env.PORT ?? 8080));
  let server: CodeServer | undefined;
  let watcher: ChildProcess | undefined;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping ...');
    watcher?.kill('SIGTERM');
    await server?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // Payload paths need the server's address, so the server starts with the smoke-test driver
  // option that lets the page URL carry `extensionDevelopmentPath`.
  server = await startCodeServer({ dirs, port, smokeTestDriver: true });
  server.proc.once('exit', (c) => { if (!stopping) { console.error(`code-server exited (${c}); see ${server!.log}`); void stop(1); } });
  watcher = spawn(process.execPath, ['scripts/build.mjs', '--watch'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

  const url = workbenchUrl(server, { folder: DEMO, extensionDevelopmentPath: ROOT, openFile: join(DEMO, 'mlp.py') });
  console.log(`
  Activation Lens is running in VS Code (code-server ${ensureCodeServer().version}) with demo/ open.
  Open this URL in a browser on this machine:

    ${url}

  Hover an activation (e.g. nn.ReLU in mlp.py) or run "Activation Lens" commands from the palette (F1).
  Rebuilds on change; run "Developer: Reload Window" to load them. Ctrl+C stops the server.
  Server log: ${server.log}
`);
}

main().catch((e) => {
  console.error(`npm start failed: ${(e as Error).message ?? e}`);
  process.exit(1);
});

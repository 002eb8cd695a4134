// The lab's worker: runs races and depth experiments off the extension host's thread and streams
// frames back. Transport-free: workerNode.ts (worker_threads) and workerWeb.ts (a Web Worker)
// wire `post` and `handle` to their message ports. While playing it steps for about one frame's
// time, posts, and yields to its event loop so pause/reset/stop arrive between frames.
import { checkDepthConfig, LabConfigError } from './config';
import { runDepth } from './depth';
import { Race, checkRace } from './race';

export type WorkerCommand =
  | { cmd: 'race'; settings: unknown }
  | { cmd: 'play' } | { cmd: 'pause' } | { cmd: 'step'; n?: number } | { cmd: 'reset' }
  | { cmd: 'depth'; configs: unknown[]; token: number };

export type WorkerEvent =
  | { type: 'race'; settings: ReturnType<typeof checkRace>; points: { x: number[]; y: number[] }; extent: number }
  | { type: 'frame'; running: boolean; frame: ReturnType<Race['frame']> }
  | { type: 'depth'; token: number; results: ReturnType<typeof runDepth>[]; configs: ReturnType<typeof checkDepthConfig>[] }
  | { type: 'error'; template: string; args: Array<string | number>; message: string };

const SLICE_MS = 30;
const HEATMAP_EVERY_MS = 150;

export function createWorkerCore(post: (e: WorkerEvent) => void, schedule: (f: () => void) => void = (f) => setTimeout(f, 0)) {
  let race: Race | null = null;
  let running = false;
  let loopQueued = false;
  let lastHeatmap = 0;

  function fail(e: unknown): void {
    running = false;
    if (e instanceof LabConfigError) post({ type: 'error', template: e.template, args: e.args, message: e.message });
    else post({ type: 'error', template: '{0}', args: [String((e as Error)?.message ?? e)], message: String((e as Error)?.message ?? e) });
  }

  function sendFrame(force = false): void {
    if (!race) return;
    const now = Date.now();
    const heat = force || now - lastHeatmap >= HEATMAP_EVERY_MS || race.done;
    if (heat) lastHeatmap = now;
    post({ type: 'frame', running, frame: race.frame(heat) });
  }

  function loop(): void {
    loopQueued = false;
    if (!race || !running) return;
    try {
      const until = Date.now() + SLICE_MS;
      while (Date.now() < until && !race.done) race.advance(1);
      if (race.done) running = false;
      sendFrame();
    } catch (e) {
      fail(e);
      return;
    }
    if (running) queue();
  }

  function queue(): void {
    if (loopQueued) return;
    loopQueued = true;
    schedule(loop);
  }

  return function handle(c: WorkerCommand): void {
    try {
      switch (c.cmd) {
        case 'race': {
          running = false;
          const settings = checkRace(c.settings);
          race = new Race(settings);
          post({ type: 'race', settings, points: race.points(), extent: race.extent });
          sendFrame(true);
          break;
        }
        case 'play':
          if (race && !race.done) {
            running = true;
            queue();
          }
          break;
        case 'pause':
          running = false;
          sendFrame(true);
          break;
        case 'step':
          if (race) {
            running = false;
            race.advance(Math.max(1, Math.min(1000, Math.floor(c.n ?? 1))));
            sendFrame(true);
          }
          break;
        case 'reset':
          if (race) {
            running = false;
            race = new Race(race.settings);
            post({ type: 'race', settings: race.settings, points: race.points(), extent: race.extent });
            sendFrame(true);
          }
          break;
        case 'depth': {
          if (!Array.isArray(c.configs) || c.configs.length < 1 || c.configs.length > 6)
            throw new LabConfigError('The depth view compares 1 to 6 configurations (got {0}).', [Array.isArray(c.configs) ? c.configs.length : 0]);
          const configs = c.configs.map((x) => checkDepthConfig(x));
          post({ type: 'depth', token: c.token, configs, results: configs.map((x) => runDepth(x)) });
          break;
        }
      }
    } catch (e) {
      fail(e);
    }
  };
}

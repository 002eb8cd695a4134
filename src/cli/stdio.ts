// The CLI's stdout and stderr. On Linux and macOS Node writes a file, a pipe or a terminal
// synchronously anyway (see Node's "A note on process I/O"); building process.stdout for a pipe
// loads net and the streams (~5 ms of a `check`'s start), so the text goes straight to the file
// descriptor instead, with the same result. On Windows, and for the rest of a run whose descriptor
// turns out to be non-blocking (EAGAIN, set so by whoever shares it), Node's own stream writes it.
import { writeSync } from 'node:fs';

export interface Output {
  write(s: string): void;
  /** Node's stream, once it took over (it may still hold text to write). */
  stream(): NodeJS.WriteStream | undefined;
}

/** `onClosed`: the reader went away (EPIPE), as Unix tools stop on it. */
export function output(fd: 1 | 2, streamOf: () => NodeJS.WriteStream, onClosed: () => void): Output {
  let stream: NodeJS.WriteStream | undefined;
  const useStream = (): NodeJS.WriteStream => {
    if (!stream) {
      stream = streamOf();
      stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') onClosed(); else throw e; });
    }
    return stream;
  };
  if (process.platform === 'win32') useStream();
  return {
    write(s: string): void {
      if (stream) { stream.write(s); return; }
      const bytes = Buffer.from(s, 'utf8');
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') { onClosed(); return; }
          if (code !== 'EAGAIN') throw e;
          useStream().write(bytes.subarray(done));
          return;
        }
      }
    },
    stream: () => stream,
  };
}

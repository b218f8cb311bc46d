/** A progress bar on stderr, shown only when stderr is a terminal (never in pipes or CI logs). */
import cliProgress from 'cli-progress';
import { MESSAGES } from './messages.js';

/** Counts screened records; a no-op unless stderr is a TTY. */
export interface Progress {
  tick(records: number): void;
  stop(invalid: number): void;
}

export function startProgress(): Progress {
  if (!process.stderr.isTTY) return { tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: MESSAGES.progress, fps: 5, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let count = 0;
  bar.start(0, 0, { speed: 0 });
  return {
    tick(records) {
      count += records;
      bar.update(count, { speed: Math.round(count / Math.max(0.001, (Date.now() - started) / 1000)) });
    },
    stop(invalid) {
      bar.update(count);
      bar.stop();
      process.stderr.write(`${MESSAGES.screened(count, invalid)}\n`);
    },
  };
}

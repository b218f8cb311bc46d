/** A worker thread of `screen`: rebuilds the options, then screens and formats chunks. */
import { parentPort } from 'node:worker_threads';
import { loadRuleset } from '../node.js';
import { screenChunk, type WorkerSetup } from './chunks.js';
import type { ChunkInput } from './items.js';
import { useLocale } from './messages.js';

export function runWorker(setup: WorkerSetup): void {
  // The messages a worker writes (a bad line of input) follow the run's language.
  useLocale(setup.options.locale ?? 'en');
  const options = { ...setup.options, ...(setup.rulesetDir ? { ruleset: loadRuleset(setup.rulesetDir, { locale: setup.options.locale }) } : {}) };
  parentPort!.on('message', (message: { id: number; input: ChunkInput; firstIndex: number }) => {
    screenChunk(message.input, message.firstIndex, options, setup.format, setup.summary).then(
      (output) => parentPort!.postMessage({ id: message.id, output }),
      (error: unknown) => parentPort!.postMessage({ id: message.id, error: (error as Error)?.stack ?? String(error) }),
    );
  });
}

#!/usr/bin/env node
import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './index.js';
import { runWorker } from './worker.js';

if (!isMainThread && workerData?.weakLaxScreenerWorker) {
  // The same file serves as the worker script of `screen` on large inputs.
  runWorker(workerData.weakLaxScreenerWorker);
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`weak-lax-screener: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

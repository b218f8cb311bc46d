#!/usr/bin/env node
import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './index.js';
import { MESSAGES, localeFrom, useLocale } from './messages.js';
import { quietOnClosedOutput } from './output.js';
import { runWorker } from './worker.js';

if (!isMainThread && workerData?.weakLaxScreenerWorker) {
  // The same file serves as the worker script of `screen` on large inputs.
  runWorker(workerData.weakLaxScreenerWorker);
} else {
  quietOnClosedOutput();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Only a bug reaches here: bad input is a usage error or an invalid record.
      useLocale(localeFrom(process.argv.slice(2), process.env));
      process.stderr.write(`${MESSAGES.prefix}${MESSAGES.internalError((error as Error)?.stack ?? String(error))}\n`);
      process.exitCode = 2;
    },
  );
}

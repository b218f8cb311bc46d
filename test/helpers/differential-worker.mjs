// Worker entry: registers tsx in this thread (loader hooks are per thread in Node 20), then
// runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./differential-worker.ts');

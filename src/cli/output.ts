/**
 * Standard output, written in large pieces with back-pressure, and closed gracefully: when
 * the reader goes away (`weak-lax-screener screen big.jsonl | head -1`), the next write
 * throws {@link OutputClosed} and the command ends quietly (exit code 0) instead of dying on
 * an EPIPE stack trace.
 */
import { OutputClosed, UsageError } from './errors.js';
import { MESSAGES } from './messages.js';

/** Errors that mean the reader of the stream has gone. */
function isClosedError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET';
}

/** A buffered writer to a stream (standard output unless told otherwise). */
export class Output {
  private buffer = '';
  private failure: unknown;
  private readonly onError = (error: unknown) => {
    this.failure ??= error;
  };

  constructor(private readonly stream_: NodeJS.WritableStream & { destroyed?: boolean } = process.stdout) {
    stream_.on('error', this.onError);
  }

  /** The stream written to (a workbook is piped into it directly). */
  get stream(): NodeJS.WritableStream {
    return this.stream_;
  }

  /** Whether the reader has gone. */
  get closed(): boolean {
    return isClosedError(this.failure) || this.stream_.destroyed === true;
  }

  private check(): void {
    if (this.failure !== undefined && !isClosedError(this.failure)) {
      const failure = this.failure as NodeJS.ErrnoException;
      throw new UsageError(MESSAGES.cannotWrite(failure.code ?? failure.message));
    }
    if (this.closed) throw new OutputClosed();
  }

  /** Adds text; writes when 64 KiB have gathered. */
  async write(text: string): Promise<void> {
    this.check();
    this.buffer += text;
    if (this.buffer.length >= 1 << 16) await this.flush();
  }

  /** Writes what has gathered, waiting while the pipe is full. */
  async flush(): Promise<void> {
    this.check();
    if (!this.buffer) return;
    const text = this.buffer;
    this.buffer = '';
    if (this.stream_.write(text)) return;
    this.check(); // the write may have failed at once
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream_.off('drain', done);
        this.stream_.off('error', done);
        this.stream_.off('close', done);
        resolve();
      };
      this.stream_.on('drain', done);
      this.stream_.on('error', done);
      this.stream_.on('close', done);
    });
    this.check();
  }

  /** Stops listening to the stream (the process keeps one listener of its own, see `bin.ts`). */
  release(): void {
    this.stream_.off('error', this.onError);
  }
}

/**
 * Keeps a closed standard output or error from ending the process with a stack trace: the
 * process's own last resort, for a reader that goes away after the command has returned.
 */
export function quietOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: unknown) => {
      if (!isClosedError(error)) throw error;
      if (stream === process.stdout) process.exitCode = 0;
    });
  }
}

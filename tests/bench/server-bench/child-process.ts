import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildReport, ParentCommand } from './protocol.ts';

type Report<T extends ChildReport['type']> = Extract<ChildReport, { type: T }>;

/** A bench child (Node + tsx, gc exposed, as many open files as the system lets it have). */
export class BenchChild {
  private readonly process: ChildProcess;
  private readonly reports: ChildReport[] = [];
  private waiters: Array<() => void> = [];
  private exited = false;

  constructor(script: string, args: string[]) {
    const raiseFiles = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"';
    this.process = spawn(
      'sh',
      [
        '-c',
        raiseFiles,
        'sh',
        process.execPath,
        '--expose-gc',
        '--import',
        'tsx',
        path.resolve(import.meta.dirname, script),
        ...args,
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    this.process.on('message', (message: ChildReport) => {
      this.reports.push(message);
      this.wake();
    });
    this.process.on('exit', () => {
      this.exited = true;
      this.wake();
    });
  }

  /** The next report of this type (reports are kept until taken). */
  async next<T extends ChildReport['type']>(type: T): Promise<Report<T>> {
    for (;;) {
      const index = this.reports.findIndex((r) => r.type === type);
      if (index >= 0) return this.reports.splice(index, 1)[0] as Report<T>;
      if (this.exited) throw new Error(`bench child exited before reporting ${type}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  send(command: ParentCommand): void {
    this.process.send(command);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.send({ type: 'stop' });
    await exited;
  }

  kill(): void {
    if (!this.exited) this.process.kill('SIGKILL');
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

// IPC between the server bench and its child processes.

export type ServerKind = 'ours' | 'stock';

export type ChildReport =
  | { type: 'listening'; port: number; openFilesLimit: number }
  | { type: 'memory'; rss: number; heapUsed: number }
  | { type: 'clients-ready'; opened: number; failed: number; firstError: string }
  | { type: 'flood-started' }
  | { type: 'flood-done'; victimReceived: number; sent: number; reconnects: number };

export type ParentCommand = { type: 'measure' } | { type: 'stop' };

/** The soft limit on open files of this process, from /proc (Linux), or Infinity. */
export async function openFilesLimit(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  try {
    const limits = await readFile('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
    return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Infinity;
  }
}

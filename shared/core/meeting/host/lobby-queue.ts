import {
  MAX_LOBBY,
  type DenyReason,
  type GuestRole,
  type WaitReason,
} from '../../protocol/schemas.ts';
import type { AccessKey } from './admission-settings.ts';

export interface LobbyEntry {
  /** Opaque and random: how co-hosts name this knock without learning who knocked. */
  id: string;
  peerId: string;
  name: string;
  /** The label of the access key the knock named, if any. */
  keyLabel: string | null;
  /** Why it waits: no proof, a wrong password, a refused key, or a back-off. */
  reason: WaitReason;
  since: number;
}

export type LobbyDecision =
  { admit: true; role: GuestRole; key: AccessKey | null } | { admit: false; reason: DenyReason };

interface Waiting {
  entry: LobbyEntry;
  settle(decision: LobbyDecision): void;
}

/** The host's waiting room: bounded, one place per peer id, oldest first. */
export class LobbyQueue {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly onChange: () => void) {}

  get isFull(): boolean {
    return this.waiting.size >= MAX_LOBBY;
  }

  has(peerId: string): boolean {
    return this.waiting.has(peerId);
  }

  list(): LobbyEntry[] {
    return [...this.waiting.values()].map((w) => w.entry);
  }

  /** Resolves when the host decides, the knock proves itself, or the guest goes. */
  enter(entry: LobbyEntry): Promise<LobbyDecision> {
    this.waiting.get(entry.peerId)?.settle({ admit: false, reason: 'denied' });
    return new Promise((resolve) => {
      this.waiting.set(entry.peerId, {
        entry,
        settle: (decision) => {
          this.waiting.delete(entry.peerId);
          resolve(decision);
          this.onChange();
        },
      });
      this.onChange();
    });
  }

  /** The knock is still waiting, for a new reason (a wrong password retried). */
  update(peerId: string, change: Partial<Pick<LobbyEntry, 'reason' | 'keyLabel'>>): void {
    const waiting = this.waiting.get(peerId);
    if (!waiting) return;
    waiting.entry = { ...waiting.entry, ...change };
    this.onChange();
  }

  decide(peerId: string, decision: LobbyDecision): boolean {
    const waiting = this.waiting.get(peerId);
    waiting?.settle(decision);
    return !!waiting;
  }
}

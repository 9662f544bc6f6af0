import { describe, expect, it } from 'vitest';
import type { LobbyListEntry } from '../../../core/protocol/schemas.ts';
import { knockAnnouncement, peopleButtonLabel, waitingNoticeText } from './waiting-text.ts';

const entry = (name: string, keyLabel: string | null = null): LobbyListEntry => ({
  id: `id-${name}`,
  name,
  keyLabel,
  reason: 'waiting',
});

describe('waiting texts', () => {
  it('names one person waiting, with the label of their personal link', () => {
    expect(waitingNoticeText([entry('Bob')])).toBe('Bob is waiting to join');
    expect(waitingNoticeText([entry('Ana', 'client')])).toBe('Ana (client) is waiting to join');
    expect(knockAnnouncement(entry('Ana', 'client'))).toBe('Ana (client) is waiting to join');
  });

  it('counts several people waiting', () => {
    expect(waitingNoticeText([entry('Ana'), entry('Bob'), entry('Cy')])).toBe(
      '3 people are waiting to join',
    );
  });

  it('puts who waits into the People button name', () => {
    expect(peopleButtonLabel(0)).toBe('People');
    expect(peopleButtonLabel(1)).toBe('People, 1 waiting');
    expect(peopleButtonLabel(4)).toBe('People, 4 waiting');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LobbyListEntry } from '../../../core/protocol/schemas.ts';
import { alertKnock } from './knock-alert.ts';

/** The browser's Notification, as far as alertKnock uses it; it records what it is asked. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(() => {
    FakeNotification.permission = FakeNotification.answer;
    return Promise.resolve(FakeNotification.answer);
  });
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

const entry = (name: string, keyLabel: string | null = null): LobbyListEntry => ({
  id: name,
  name,
  keyLabel,
  reason: 'waiting',
});

// Knocks less than 3 s apart make one alert: each test starts well after the last one.
let clock = 0;
const page = { hidden: true };
const focus = vi.fn();

beforeEach(() => {
  clock += 60_000;
  vi.useFakeTimers({ toFake: ['Date'], now: clock });
  FakeNotification.permission = 'default';
  FakeNotification.answer = 'granted';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  focus.mockClear();
  page.hidden = true;
  vi.stubGlobal('Notification', FakeNotification);
  vi.stubGlobal('document', page);
  vi.stubGlobal('focus', focus);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settled = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('alertKnock', () => {
  it('asks to notify at the first knock, then names who waits while the host looks elsewhere', async () => {
    alertKnock(entry('Ana', 'client'));
    await settled();
    expect(FakeNotification.requestPermission).toHaveBeenCalledOnce();
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([
      ['Someone is waiting to join', 'Ana (client) is in the waiting room.'],
    ]);
  });

  it('shows nothing and asks nothing more once refused', async () => {
    FakeNotification.answer = 'denied';
    alertKnock(entry('Ana'));
    await settled();
    vi.setSystemTime(clock + 10_000);
    alertKnock(entry('Ben'));
    await settled();
    expect(FakeNotification.requestPermission).toHaveBeenCalledOnce();
    expect(FakeNotification.shown).toEqual([]);
  });

  it('does not notify a host who is looking at the meeting', () => {
    FakeNotification.permission = 'granted';
    page.hidden = false;
    alertKnock(entry('Ana'));
    expect(FakeNotification.shown).toEqual([]);
  });

  it('alerts once for a crowd knocking within 3 s', () => {
    FakeNotification.permission = 'granted';
    alertKnock(entry('Ana'));
    vi.setSystemTime(clock + 1_000);
    alertKnock(entry('Ben'));
    vi.setSystemTime(clock + 4_500);
    alertKnock(entry('Cy'));
    expect(FakeNotification.shown.map((n) => n.options.body)).toEqual([
      'Ana is in the waiting room.',
      'Cy is in the waiting room.',
    ]);
  });

  it('brings the meeting forward when the notification is clicked, and closes it', () => {
    FakeNotification.permission = 'granted';
    alertKnock(entry('Ana'));
    const [notification] = FakeNotification.shown;
    notification!.onclick?.();
    expect(focus).toHaveBeenCalledOnce();
    expect(notification!.closed).toBe(true);
  });

  it('lets the shell bring the meeting forward its own way when the notification is clicked', () => {
    FakeNotification.permission = 'granted';
    const bringForward = vi.fn();
    alertKnock(entry('Ana'), bringForward);
    FakeNotification.shown[0]!.onclick?.();
    expect(bringForward).toHaveBeenCalledOnce();
    expect(focus).not.toHaveBeenCalled();
  });
});

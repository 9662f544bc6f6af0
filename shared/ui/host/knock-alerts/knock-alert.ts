import type { LobbyListEntry } from '../../../core/protocol/schemas.ts';

/**
 * Tells the host of a knock even when looking elsewhere: a short tone, and a system
 * notification while the page is hidden, where permitted. Permission is asked at the first
 * knock, not before. A click on the notification calls `bringForward` (by default the page's
 * own `focus()`, which the browser honours for that click).
 */
export function alertKnock(entry: LobbyListEntry, bringForward: () => void = () => focus()): void {
  // A crowd knocking at once makes one sound and one notification, not dozens.
  const now = Date.now();
  if (now - lastAlertAt < QUIET_MS) return;
  lastAlertAt = now;
  playTone();
  if (typeof Notification === 'undefined' || Notification.permission === 'denied') return;
  const show = () => {
    if (Notification.permission !== 'granted' || !document.hidden) return;
    const notification = new Notification('Someone is waiting to join', {
      body: `${entry.name}${entry.keyLabel ? ` (${entry.keyLabel})` : ''} is in the waiting room.`,
      tag: 'conclave-knock',
    });
    // A click on a notification lets its page come forward: the host's meeting tab and window.
    notification.onclick = () => {
      bringForward();
      notification.close();
    };
  };
  if (Notification.permission === 'default') void Notification.requestPermission().then(show);
  else show();
}

const QUIET_MS = 3_000;
let lastAlertAt = -Infinity;
let audio: AudioContext | null = null;

function playTone(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
  } catch {
    // No audio output: the lobby list still shows the knock.
  }
}

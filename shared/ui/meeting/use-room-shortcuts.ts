import { useEffect, useRef } from 'preact/hooks';
import type { MeetingSession } from './session.ts';

/** Keys typed into a field, or that a focused control handles itself, are not shortcuts. */
function isForTheFocusedControl(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || event.ctrlKey || event.metaKey || event.altKey) return true;
  if (target.closest('input, select, textarea, dialog, [contenteditable]')) return true;
  return event.key === ' ' && !!target.closest('button, a, summary, [role="button"]');
}

/** M and V toggle the microphone and camera, H the hand, Space held talks while muted, ? shows help. */
export function useRoomShortcuts(session: MeetingSession, showHelp: () => void): void {
  const help = useRef(showHelp);
  help.current = showHelp;
  useEffect(() => {
    let talking = false;
    const down = (event: KeyboardEvent) => {
      if (isForTheFocusedControl(event)) return;
      const key = event.key.toLowerCase();
      if (key === 'm' && !event.repeat) void session.toggle('audio');
      else if (key === 'v' && !event.repeat) void session.toggle('video');
      else if (key === 'h' && !event.repeat) session.raiseHand(!session.handRaised.value);
      else if (key === '?') help.current();
      else if (key === ' ') {
        event.preventDefault();
        if (event.repeat || talking || session.mediaOn.value.audio) return;
        talking = true;
        void session.toggle('audio');
      } else return;
      event.preventDefault();
    };
    const up = (event: KeyboardEvent) => {
      if (event.key !== ' ' || !talking) return;
      talking = false;
      if (session.mediaOn.value.audio) void session.toggle('audio');
    };
    addEventListener('keydown', down);
    addEventListener('keyup', up);
    return () => {
      removeEventListener('keydown', down);
      removeEventListener('keyup', up);
    };
  }, [session]);
}

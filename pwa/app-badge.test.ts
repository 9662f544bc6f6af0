import { afterEach, describe, expect, it, vi } from 'vitest';
import { showWaitingOnAppBadge } from './app-badge.ts';

afterEach(() => vi.unstubAllGlobals());

describe('showWaitingOnAppBadge', () => {
  it('puts the count on the app’s icon and takes it off at 0', () => {
    const setAppBadge = vi.fn(() => Promise.resolve());
    const clearAppBadge = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { setAppBadge, clearAppBadge });
    showWaitingOnAppBadge(2);
    showWaitingOnAppBadge(0);
    expect(setAppBadge.mock.calls).toEqual([[2]]);
    expect(clearAppBadge).toHaveBeenCalledOnce();
  });

  it('does nothing where there are no app badges, and lets a refusal pass quietly', () => {
    vi.stubGlobal('navigator', {});
    expect(() => showWaitingOnAppBadge(1)).not.toThrow();
    // Unhandled, a refusal would fail this run.
    const refuse = () => Promise.reject(new DOMException('not installed', 'NotAllowedError'));
    vi.stubGlobal('navigator', { setAppBadge: refuse, clearAppBadge: refuse });
    showWaitingOnAppBadge(1);
    showWaitingOnAppBadge(0);
  });
});

import { lazyModule } from './lazy-module.ts';

// Everything but the lobby, off its first load: each part is fetched when the browser is idle,
// or at once when it is wanted (the PWA's service worker has precached them all). An e2e test
// (tests/e2e/pwa.e2e.test.ts) checks that the pre-join and meeting chunks stay off it.

/** The pre-join screen: preview, devices, level meter. */
export const preJoinModule = lazyModule(() =>
  import('../prejoin/PreJoin.tsx').then((m) => m.PreJoin),
);
/** The meeting screen and PeerJS. */
export const meetingViewModule = lazyModule(() =>
  import('../meeting/MeetingView.tsx').then((m) => m.MeetingView),
);
/** Hosting: a new host key, a password's verifier (signing, PBKDF2). */
export const hostingModule = lazyModule(() => import('../meetings/hosting.ts'));
/** The meetings this device hosts: shown under the lobby's form once read (nothing moves). */
export const meetingsListModule = lazyModule(() =>
  import('../lobby/MeetingsList.tsx').then((m) => m.MeetingsList),
);
/** The meetings this person joined as a guest, under the lobby's form once read. */
export const joinedMeetingsListModule = lazyModule(() =>
  import('../meetings/JoinedMeetingsList.tsx').then((m) => m.JoinedMeetingsList),
);
/** Asking for camera and microphone (a page going straight into its meeting). */
export const prepareMediaModule = lazyModule(() =>
  import('../prejoin/prepare-media.ts').then((m) => m.prepareMedia),
);
/** Whatever chat a crashed or killed session left behind goes at every start, once idle. */
export const staleChatSweep = () =>
  import('../../storage/stale-chat-vaults.ts').then((m) => m.deleteStaleChatVaults());

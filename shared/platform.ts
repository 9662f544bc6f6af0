import type { MeetingStore } from './core/meeting/host/meeting-store.ts';
import type { SignalingDeployment } from './core/signaling/config.ts';
import type { JoinedMeetingStore } from './core/meeting/joined-meeting-store.ts';
import type { DevicesOnJoin } from './ui/prejoin/devices-on-join.ts';

/** What a shell (PWA or extension) provides to the shared UI. */
export interface Platform {
  /** Where to signal and which ICE servers to use. May reject with a readable Error. */
  loadSignalingConfig(): Promise<SignalingDeployment>;
  loadDisplayName(): Promise<string>;
  saveDisplayName(name: string): Promise<void>;
  /** Camera and microphone on or off, as the person last joined (both on the first time). */
  loadDevicesOnJoin(): Promise<DevicesOnJoin>;
  saveDevicesOnJoin(devices: DevicesOnJoin): Promise<void>;
  /** Relay-only mode (`iceTransportPolicy: 'relay'`): the person's choice, kept on this device. */
  loadRelayOnly(): Promise<boolean>;
  saveRelayOnly(on: boolean): Promise<void>;
  /** The meetings this device hosts (IndexedDB in both shells). */
  meetingStore: MeetingStore;
  /** The meetings this person joined as a guest, by title, where the shell lists them. */
  joinedMeetings?: JoinedMeetingStore;
  /**
   * Shows a hosting person how many wait in the waiting room, where the shell can show it
   * outside the page (the extension's toolbar badge, an installed app's badge); 0 clears it.
   */
  showWaitingCount?(count: number): void;
  /**
   * Brings this page's tab and window to the front (a knock's notification was clicked), where
   * the shell can do more than the page's own `focus()`.
   */
  bringToFront?(): void;
}

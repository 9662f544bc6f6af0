import type { AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';
import { AccessKeysPanel } from './AccessKeysPanel.tsx';
import { LobbyPanel } from './LobbyPanel.tsx';
import { MeetingPasswordPanel } from './MeetingPasswordPanel.tsx';
import './HostAdmission.css';

/** The host's say over who gets in: the waiting room first, then the password and links. */
export function HostAdmission({ desk, inviteLink }: { desk: AdmissionDesk; inviteLink: string }) {
  return (
    <aside class="host-admission" aria-label="Who gets in">
      <LobbyPanel desk={desk} />
      <details>
        <summary>Password and personal links</summary>
        <MeetingPasswordPanel desk={desk} />
        <AccessKeysPanel desk={desk} inviteLink={inviteLink} />
      </details>
    </aside>
  );
}

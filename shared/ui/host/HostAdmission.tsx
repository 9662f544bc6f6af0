import { useState } from 'preact/hooks';
import type { AdmissionDesk } from '../../core/meeting/host/admission-desk.ts';
import type { WaitingRoom } from '../../core/meeting/waiting-room/waiting-room.ts';
import { AccessKeysPanel } from './AccessKeysPanel.tsx';
import { LobbyPanel } from './LobbyPanel.tsx';
import { MeetingPasswordPanel } from './MeetingPasswordPanel.tsx';
import './HostAdmission.css';

/** The host's say over who gets in: the waiting room first, then the password and links. */
export function HostAdmission(props: {
  desk: AdmissionDesk;
  room: WaitingRoom;
  inviteLink: string;
}) {
  const { desk, room, inviteLink } = props;
  const [open, setOpen] = useState(false);
  return (
    <aside class="host-admission" aria-label="Who gets in">
      <LobbyPanel room={room} desk={desk} />
      <button class="disclosure" aria-expanded={open} onClick={() => setOpen(!open)}>
        Password and personal links
      </button>
      {open && (
        <>
          <MeetingPasswordPanel desk={desk} />
          <AccessKeysPanel desk={desk} inviteLink={inviteLink} />
        </>
      )}
    </aside>
  );
}

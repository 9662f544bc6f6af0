import { LobbyHeader } from '../lobby/LobbyHeader.tsx';

/**
 * While a screen's code arrives (an invite link opened, the pre-join screen not yet here): the
 * header the page showed stays, and a status line says what is coming, so nobody sees a blank
 * page. The next screen's heading takes the focus when it appears.
 */
export function ScreenLoading({ status }: { status: string }) {
  return (
    <main class="lobby" aria-busy="true">
      <LobbyHeader />
      <p role="status">{status}</p>
    </main>
  );
}

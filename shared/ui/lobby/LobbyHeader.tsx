import type { Ref } from 'preact';

/** The lobby's heading and tagline (pwa/index.html paints the same before any script runs). */
export function LobbyHeader({ heading }: { heading?: Ref<HTMLHeadingElement> }) {
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        Conclave
      </h1>
      <p class="tagline" id="lobby-tagline">
        Private meetings, peer to peer. Nothing of the meeting is kept on any server.
      </p>
    </>
  );
}

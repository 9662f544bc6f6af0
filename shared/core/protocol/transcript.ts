export interface TranscriptParts {
  meetingId: string;
  hostPeerId: string;
  guestPeerId: string;
  hostFingerprint: string;
  guestFingerprint: string;
  hostNonce: string;
  guestNonce: string;
}

/**
 * The admission transcript T. Each side builds it from the fingerprints it sees itself on this
 * very connection, so a man in the middle (two DTLS sessions) makes the two transcripts differ.
 */
export function admissionTranscript(p: TranscriptParts): string {
  return [
    'conclave/v1',
    p.meetingId,
    p.hostPeerId,
    p.guestPeerId,
    p.hostFingerprint,
    p.guestFingerprint,
    p.hostNonce,
    p.guestNonce,
  ].join('|');
}

/**
 * The `knock` proof that the guest holds the whole invite link: the meeting id never reaches
 * the signaling server, so a server that knows the host's peer id still cannot get in.
 */
export function knockProofMessage(transcript: string): string {
  return `knock|${transcript}`;
}

/** What a password's derived key or an access key signs: bound to this very handshake. */
export function admitProofMessage(transcript: string): string {
  return `admit|${transcript}`;
}

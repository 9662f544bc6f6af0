// A proof-bound peer id and its registration token, as shared/core/signaling/peer-identity.ts
// makes them, for pages that drive the bare peerjs client against our relay.
(() => {
  const utf8 = (text) => new TextEncoder().encode(text);
  const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const base64url = (bytes) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');

  /** `{id, token}` for a fresh ECDSA P-256 key, signed for the signaling server's origin. */
  window.signalingIdentity = async (serverOrigin) => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
    const id = `cv${hex(digest.subarray(0, 16))}`;
    const time = Date.now();
    const message = utf8(`conclave-signal/v1|${id}|${serverOrigin}|${time}`);
    // WebCrypto gives ECDSA signatures in IEEE P1363 form, as the server expects.
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      pair.privateKey,
      message,
    );
    return { id, token: `${time}.${base64url(spki)}.${base64url(new Uint8Array(signature))}` };
  };
})();

// The baseline a PeerJS demo gives: camera, a Peer on our PeerServer, one call, first frame.
// Our server takes only proof-bound ids (signaling-identity.js makes one and its token).
/* global Peer, clearTimeout */
async function registeredPeer(signaling) {
  const url = new URL(signaling);
  const { id, token } = await window.signalingIdentity(url.origin);
  return new Peer(id, {
    host: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    secure: false,
    key: 'peerjs',
    token,
    config: { iceServers: [] },
  });
}

/** `promise`, or an error naming what did not happen within `ms`. */
function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Resolves once the peer is registered with the server; rejects on its error. */
function opened(peer) {
  return within(
    new Promise((resolve, reject) => {
      peer.on('open', resolve);
      peer.on('error', reject);
    }),
    20_000,
    'PeerJS registration',
  );
}

function firstFrame(video, stream) {
  return new Promise((resolve) => {
    video.srcObject = stream;
    video.requestVideoFrameCallback(() => resolve(performance.now()));
  });
}

/** Answers calls with the camera; resolves with its peer id. */
window.answerCalls = async (signaling) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const peer = await registeredPeer(signaling);
  peer.on('call', (call) => call.answer(stream));
  await opened(peer);
  return peer.id;
};

/** Milliseconds from the start (camera, Peer, call) to the first remote video frame. */
window.callAndTime = async (signaling, target) => {
  const start = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const peer = await registeredPeer(signaling);
  await opened(peer);
  const call = peer.call(target, stream);
  const remote = await within(
    new Promise((resolve) => call.on('stream', resolve)),
    20_000,
    "the answerer's video",
  );
  const end = await within(
    firstFrame(document.getElementById('remote'), remote),
    20_000,
    "a frame of the answerer's video",
  );
  peer.destroy();
  stream.getTracks().forEach((t) => t.stop());
  return end - start;
};

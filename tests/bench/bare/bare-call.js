// The baseline a PeerJS demo gives: camera, a Peer on our PeerServer, one call, first frame.
// Our server takes only proof-bound ids (signaling-identity.js makes one and its token).
/* global Peer */
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
  await new Promise((resolve) => peer.on('open', resolve));
  return peer.id;
};

/** Milliseconds from the start (camera, Peer, call) to the first remote video frame. */
window.callAndTime = async (signaling, target) => {
  const start = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const peer = await registeredPeer(signaling);
  await new Promise((resolve) => peer.on('open', resolve));
  const call = peer.call(target, stream);
  const remote = await new Promise((resolve) => call.on('stream', resolve));
  const end = await firstFrame(document.getElementById('remote'), remote);
  peer.destroy();
  stream.getTracks().forEach((t) => t.stop());
  return end - start;
};

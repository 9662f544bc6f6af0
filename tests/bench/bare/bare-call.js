// The baseline a PeerJS demo gives: camera, a Peer on our PeerServer, one call, first frame.
/* global Peer */
function peerOptions(signaling) {
  const url = new URL(signaling);
  return {
    host: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    secure: false,
    config: { iceServers: [] },
  };
}

function firstFrame(video, stream) {
  return new Promise((resolve) => {
    video.srcObject = stream;
    video.requestVideoFrameCallback(() => resolve(performance.now()));
  });
}

/** Answers calls with the camera. */
window.answerCalls = async (signaling, id) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const peer = new Peer(id, peerOptions(signaling));
  peer.on('call', (call) => call.answer(stream));
  await new Promise((resolve) => peer.on('open', resolve));
};

/** Milliseconds from the start (camera, Peer, call) to the first remote video frame. */
window.callAndTime = async (signaling, id, target) => {
  const start = performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const peer = new Peer(id, peerOptions(signaling));
  await new Promise((resolve) => peer.on('open', resolve));
  const call = peer.call(target, stream);
  const remote = await new Promise((resolve) => call.on('stream', resolve));
  const end = await firstFrame(document.getElementById('remote'), remote);
  peer.destroy();
  stream.getTracks().forEach((t) => t.stop());
  return end - start;
};

// A man in the middle for tests: it takes guests' connections meant for the host, opens its own
// connection to the real host and relays every message both ways. It answers media calls and
// reads what it receives: a guest must send it nothing. Like a patient attacker, it holds the
// host's replies back until the guest's media connection to it has been up for a while, or has
// delivered media.
/* global Peer */
window.intercepted = {
  relayedMessages: 0,
  calls: 0,
  mediaConnected: false,
  statReadings: 0,
  bytesReceived: 0,
};
const HARVEST_MS = 1500;
let connectedAt = Infinity;

const harvested = () =>
  window.intercepted.bytesReceived > 0 || performance.now() - connectedAt > HARVEST_MS;

function watchCall(call) {
  const pc = call.peerConnection;
  setInterval(async () => {
    if (pc.connectionState === 'connected' && !window.intercepted.mediaConnected) {
      window.intercepted.mediaConnected = true;
      connectedAt = performance.now();
    }
    if (!window.intercepted.mediaConnected) return;
    const report = await pc.getStats();
    report.forEach((stat) => {
      if (stat.type === 'inbound-rtp') {
        window.intercepted.bytesReceived = Math.max(
          window.intercepted.bytesReceived,
          stat.bytesReceived,
        );
      }
    });
    window.intercepted.statReadings += 1;
  }, 50);
}

window.startRelay = (hostId) =>
  new Promise((resolve) => {
    const peer = new Peer('impostor-1', {
      host: location.hostname,
      port: Number(location.port),
      path: '/peerjs',
      secure: false,
      config: { iceServers: [] },
    });
    peer.on('open', () => resolve());
    peer.on('connection', (guest) => {
      const host = peer.connect(hostId, { serialization: 'raw', reliable: true });
      const queued = [];
      guest.on('data', (data) => {
        window.intercepted.relayedMessages += 1;
        if (host.open) host.send(data);
        else queued.push(data);
      });
      host.on('open', () => queued.splice(0).forEach((data) => host.send(data)));
      host.on('data', async (data) => {
        while (!harvested()) await new Promise((r) => setTimeout(r, 20));
        guest.send(data);
      });
    });
    peer.on('call', (call) => {
      window.intercepted.calls += 1;
      call.answer();
      watchCall(call);
    });
  });

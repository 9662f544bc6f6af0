// A man in the middle for tests. The malicious server hands it guests' connections meant for the
// host; it opens its own connection to the real host (on the real server, under an id of its
// own) and relays every message both ways; it also calls the host itself. It reads what media
// reaches it on those calls: nobody may send it any. Like a patient attacker, it holds the
// host's replies back until the guest's media connection to it has been up for a while, or has
// delivered media.
/* global Peer, MediaStream */
const HARVEST_MS = 1500;
const newRecord = () => ({
  connected: false,
  connectedAt: Infinity,
  statReadings: 0,
  bytesReceived: 0,
});
window.intercepted = {
  relayedMessages: 0,
  calls: 0,
  fromGuest: newRecord(),
  fromHost: newRecord(),
};

const harvested = () => {
  const { fromGuest } = window.intercepted;
  return fromGuest.bytesReceived > 0 || performance.now() - fromGuest.connectedAt > HARVEST_MS;
};

/** Polls a connection's inbound RTP once it is up. */
function watch(pc, record) {
  setInterval(async () => {
    if (pc.connectionState === 'connected' && !record.connected) {
      record.connected = true;
      record.connectedAt = performance.now();
    }
    if (!record.connected) return;
    const report = await pc.getStats();
    report.forEach((stat) => {
      if (stat.type === 'inbound-rtp') {
        record.bytesReceived = Math.max(record.bytesReceived, stat.bytesReceived);
      }
    });
    record.statReadings += 1;
  }, 50);
}

function open(peer) {
  return new Promise((resolve, reject) => {
    peer.on('open', resolve);
    peer.on('error', reject);
  });
}

/** `real`: where the host is ({ host, port }) and an id with its token there. */
window.startRelay = async (hostId, real) => {
  const config = { iceServers: [] };
  const here = new Peer('impostor-1', {
    host: location.hostname,
    port: Number(location.port),
    path: '/peerjs',
    secure: false,
    config,
  });
  const there = new Peer(real.id, { ...real.address, path: '/peerjs', token: real.token, config });
  await Promise.all([open(here), open(there)]);
  const options = { constraints: { offerToReceiveAudio: true, offerToReceiveVideo: true } };
  const toHost = there.call(hostId, new MediaStream(), options);
  watch(toHost.peerConnection, window.intercepted.fromHost);

  here.on('connection', (guest) => {
    const host = there.connect(hostId, { serialization: 'raw', reliable: true });
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
  here.on('call', (call) => {
    window.intercepted.calls += 1;
    call.answer();
    watch(call.peerConnection, window.intercepted.fromGuest);
  });
};

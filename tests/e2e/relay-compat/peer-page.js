// Injected into a page on our server's origin, after the unmodified peerjs.min.js and
// signaling-identity.js: registers a proof-bound id with our relay, answers data connections and
// calls, and opens its own.
/* global Peer */
(() => {
  const state = { peer: null, received: [], callStates: [], errors: [] };

  function watchCall(call) {
    call.on('stream', () => state.callStates.push('stream'));
    const poll = setInterval(() => {
      const pc = call.peerConnection;
      if (pc && pc.connectionState === 'connected') {
        state.callStates.push('connected');
        clearInterval(poll);
      }
    }, 20);
  }

  window.relayCompat = {
    state,
    async register(serverUrl) {
      const url = new URL(serverUrl);
      const { id, token } = await window.signalingIdentity(url.origin);
      const peer = new Peer(id, {
        host: url.hostname,
        port: Number(url.port),
        path: '/peerjs',
        key: 'peerjs',
        token,
        config: { iceServers: [] },
        // Heartbeats every 100 ms, so the test also sees the relay accept them.
        pingInterval: 100,
      });
      state.peer = peer;
      peer.on('error', (error) => state.errors.push(`${error.type}: ${error.message}`));
      peer.on('connection', (connection) => {
        connection.on('data', (data) => {
          state.received.push(data);
          connection.send(`echo ${data}`);
        });
      });
      peer.on('call', async (call) => {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
        watchCall(call);
        call.answer(stream);
      });
      await new Promise((resolve, reject) => {
        peer.on('open', resolve);
        peer.on('error', reject);
      });
      return id;
    },
    sendAndAwaitEcho(target, text) {
      const connection = state.peer.connect(target, { serialization: 'raw', reliable: true });
      return new Promise((resolve) => {
        connection.on('open', () => connection.send(text));
        connection.on('data', resolve);
      });
    },
    async call(target) {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      watchCall(state.peer.call(target, stream));
    },
  };
})();

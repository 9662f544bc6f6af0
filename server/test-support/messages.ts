// Messages in the exact shapes the peerjs 1.5.5 client sends (Negotiator._makeOffer and friends).

export function dataOffer(dst: string, connectionId = 'dc_k3j4h5g6', sdp = 'v=0\r\n'): object {
  return {
    type: 'OFFER',
    payload: {
      sdp: { type: 'offer', sdp },
      type: 'data',
      connectionId,
      label: connectionId,
      reliable: true,
      serialization: 'raw',
    },
    dst,
  };
}

export function mediaOffer(dst: string, connectionId = 'mc_a1b2c3d4', metadata?: unknown): object {
  return {
    type: 'OFFER',
    payload: { sdp: { type: 'offer', sdp: 'v=0\r\n' }, type: 'media', connectionId, metadata },
    dst,
  };
}

export function answer(dst: string, connectionId = 'dc_k3j4h5g6'): object {
  return {
    type: 'ANSWER',
    payload: { sdp: { type: 'answer', sdp: 'v=0\r\n' }, type: 'data', connectionId },
    dst,
  };
}

export function candidate(dst: string, connectionId = 'dc_k3j4h5g6'): object {
  return {
    type: 'CANDIDATE',
    payload: {
      candidate: {
        candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
        usernameFragment: 'abcd',
      },
      type: 'data',
      connectionId,
    },
    dst,
  };
}

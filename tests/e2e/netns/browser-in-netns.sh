#!/bin/sh
# Starts a browser in a network namespace of its own whose only link is one end of a veth pair,
# so that a test can cut that browser's network for real. Puppeteer runs this in place of the
# browser: Chromium talks to it over pipes, which need no network; Firefox over a WebSocket on
# its loopback, which bidi-bridge.mjs brings out to ours. From the environment:
#   CONCLAVE_BROWSER        the browser to run
#   CONCLAVE_BIDI_BRIDGE    set (to anything) for Firefox
#   CONCLAVE_NETNS_LINK     the veth end to move into the new namespace
#   CONCLAVE_NETNS_ADDRESS  its address there, e.g. 10.99.0.2/24
#   CONCLAVE_SERVER         address and port of our server across the link, e.g. "10.99.0.1 8787";
#                           the browser reaches it at 127.0.0.1 on that port
set -e
here=$(dirname "$0")
steps=$(mktemp -d)
mkfifo "$steps/unshared" "$steps/moved" "$steps/forwarding"
bidi="$steps/bidi.sock"
# Each side waits for the other's step on a fifo: the new namespace must exist before the link
# can move into it, and the link must be there before the namespace can set it up.
in_netns() {
  unshare --net -- sh -c '
    steps=$1
    here=$2
    echo $$ > "$steps/unshared"
    read _ < "$steps/moved"
    ip link set lo up
    ip addr add "$CONCLAVE_NETNS_ADDRESS" dev "$CONCLAVE_NETNS_LINK"
    ip link set "$CONCLAVE_NETNS_LINK" up
    node "$here/forward-port.mjs" $CONCLAVE_SERVER > "$steps/forwarding" &
    forwarder=$!
    read _ < "$steps/forwarding"
    shift 2
    status=0
    if [ -n "$CONCLAVE_BIDI_BRIDGE" ]; then
      "$@" 2>&1 | node "$here/bidi-bridge.mjs" inside "$steps/bidi.sock" || status=$?
    else
      "$@" || status=$?
    fi
    kill "$forwarder"
    exit "$status"' sh "$steps" "$here" "$CONCLAVE_BROWSER" "$@"
}
if [ -n "$CONCLAVE_BIDI_BRIDGE" ]; then
  in_netns "$@" | node "$here/bidi-bridge.mjs" outside "$bidi" &
else
  in_netns "$@" &
fi
browser=$!
read pid < "$steps/unshared"
ip link set "$CONCLAVE_NETNS_LINK" netns "$pid"
echo > "$steps/moved"
status=0
wait "$browser" || status=$?
rm -r "$steps"
exit "$status"

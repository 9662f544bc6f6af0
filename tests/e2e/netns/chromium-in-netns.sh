#!/bin/sh
# Starts Chromium in a network namespace of its own whose only link is one end of a veth pair,
# so that a test can cut that browser's network for real. Puppeteer runs this in place of the
# browser (it talks to it over pipes, which need no network). From the environment:
#   CONCLAVE_CHROMIUM       the browser to run
#   CONCLAVE_NETNS_LINK     the veth end to move into the new namespace
#   CONCLAVE_NETNS_ADDRESS  its address there, e.g. 10.99.0.2/24
#   CONCLAVE_SERVER         address and port of our server across the link, e.g. "10.99.0.1 8787";
#                           the browser reaches it at 127.0.0.1 on that port
set -e
here=$(dirname "$0")
gate=$(mktemp -u)
mkfifo "$gate"
# The new namespace waits at the gate until its link has been moved in from this one.
unshare --net -- sh -c '
  read _ < "$1"
  rm -f "$1"
  ip link set lo up
  ip addr add "$CONCLAVE_NETNS_ADDRESS" dev "$CONCLAVE_NETNS_LINK"
  ip link set "$CONCLAVE_NETNS_LINK" up
  node "$2/forward-port.mjs" $CONCLAVE_SERVER &
  forwarder=$!
  shift 2
  status=0
  "$@" || status=$?
  kill "$forwarder"
  exit "$status"' sh "$gate" "$here" "$CONCLAVE_CHROMIUM" "$@" &
browser=$!
ip link set "$CONCLAVE_NETNS_LINK" netns "$browser"
echo open > "$gate"
wait "$browser"

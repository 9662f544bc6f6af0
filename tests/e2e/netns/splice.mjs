// Joins each accepted connection to a new one from `connect`, both ways, until either closes.
export function splice(connect) {
  return (client) => {
    const upstream = connect();
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  };
}

/** The system share sheet for an invite link, where the browser has one (phones, mostly). */
export function ShareInviteButton({ link }: { link: string }) {
  if (!('share' in navigator) || !navigator.canShare?.({ url: link })) return null;
  const share = () =>
    navigator.share({ title: 'Join my Conclave meeting', url: link }).catch(() => undefined);
  return <button onClick={() => void share()}>Share invite link</button>;
}

import { useState } from 'preact/hooks';
import { ShareInviteButton } from '../share/ShareInviteButton.tsx';

export function InviteLink({ link }: { link: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div class="invite">
      <label>
        Invite link
        <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button onClick={() => void copy()}>Copy invite link</button>
      <ShareInviteButton link={link} />
      <span role="status">
        {copied === true && 'Copied.'}
        {copied === false && 'Copy failed: select the link and copy it yourself.'}
      </span>
    </div>
  );
}

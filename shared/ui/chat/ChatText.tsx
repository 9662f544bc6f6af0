const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;

/**
 * Message text as plain text; web addresses become links that open only when clicked, in a
 * new tab that gets neither this page nor a referrer. Nothing is fetched or previewed.
 */
export function ChatText({ text }: { text: string }) {
  const parts: (string | preact.JSX.Element)[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)]+$/, '');
    parts.push(text.slice(at, match.index));
    parts.push(
      <a href={url} target="_blank" rel="noopener noreferrer">
        {url}
      </a>,
    );
    at = match.index + url.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

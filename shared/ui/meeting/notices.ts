export interface Notice {
  id: number;
  text: string;
  /** How many times it was said: a repeat counts here instead of filling the list. */
  times: number;
}

/** Notices kept on screen: the oldest goes when another comes. */
export const MAX_NOTICES = 5;

/**
 * The list with `text` said once more, newest last. A text already listed moves to the end with
 * its count raised, so a flood of one alert (a hostile server forging links, say) is one line
 * that counts up, never a list that buries everything else.
 */
export function withNotice(list: readonly Notice[], text: string, id: number): Notice[] {
  const same = list.find((notice) => notice.text === text);
  const others = list.filter((notice) => notice !== same);
  const added = same ? { ...same, times: same.times + 1 } : { id, text, times: 1 };
  return [...others, added].slice(-MAX_NOTICES);
}

export function noticeText({ text, times }: Notice): string {
  return times > 1 ? `${text} (${times} times)` : text;
}

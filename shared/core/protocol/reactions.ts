/** The only reactions anyone can send; anything else on the wire is dropped. */
export const REACTIONS = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '👏', name: 'applause' },
  { emoji: '😂', name: 'laughter' },
  { emoji: '❤️', name: 'heart' },
  { emoji: '🎉', name: 'celebration' },
  { emoji: '😮', name: 'surprise' },
] as const;

export type ReactionEmoji = (typeof REACTIONS)[number]['emoji'];

export const REACTION_EMOJIS = REACTIONS.map((r) => r.emoji) as [ReactionEmoji, ...ReactionEmoji[]];

export function reactionName(emoji: ReactionEmoji): string {
  return REACTIONS.find((r) => r.emoji === emoji)?.name ?? emoji;
}

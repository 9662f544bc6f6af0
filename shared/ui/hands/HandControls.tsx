import { REACTIONS } from '../../core/protocol/reactions.ts';
import { BarButton } from '../meeting/BarButton.tsx';
import { BarMenu } from '../meeting/BarMenu.tsx';
import { Icon } from '../meeting/icons.tsx';
import type { MeetingSession } from '../meeting/session.ts';
import './hands.css';

/** The control bar's "Raise hand" toggle and "Reactions" menu. */
export function HandControls({ session }: { session: MeetingSession }) {
  const raised = session.handRaised.value;
  return (
    <>
      <BarButton
        label="Raise hand"
        hint={raised ? 'Lower your hand (H)' : 'Raise your hand (H)'}
        icon="hand"
        pressed={raised}
        class={`hand-toggle ${raised ? 'active' : ''}`}
        onClick={() => session.raiseHand(!raised)}
      />
      <BarMenu
        label="Reactions"
        hint="Send a reaction everyone sees on your tile"
        icon="smile"
        menuClass="reactions-menu"
        menuLabel="Reactions"
      >
        {() => (
          <>
            {/* On a phone the bar has no room for its own button: it is here instead. */}
            <button
              class="hand-in-menu"
              aria-label="Raise hand"
              aria-pressed={raised}
              title={raised ? 'Lower your hand' : 'Raise your hand'}
              onClick={() => session.raiseHand(!raised)}
            >
              <Icon name="hand" />
            </button>
            {REACTIONS.map(({ emoji, name }) => (
              <button
                key={emoji}
                aria-label={`React ${emoji} (${name})`}
                title={name}
                onClick={() => session.react(emoji)}
              >
                {emoji}
              </button>
            ))}
          </>
        )}
      </BarMenu>
    </>
  );
}

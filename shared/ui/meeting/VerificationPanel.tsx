import { useEffect, useState } from 'preact/hooks';
import type { Participant } from '../../core/meeting/participant.ts';
import { ConnectionDetails } from './ConnectionDetails.tsx';
import { TRUST_TEXT } from './PeoplePanel.tsx';
import type { MeetingSession } from './session.ts';
import { trustState } from './view-model.ts';

interface VerificationPanelProps {
  session: MeetingSession;
  person: Participant | null;
  others: Participant[];
  onChoose(peerId: string, opener: HTMLElement): void;
}

/**
 * The short authentication string with one person (SECURITY.md, "Verification by people"),
 * "mark as verified", and the connection's security details.
 */
export function VerificationPanel({ session, person, others, onChoose }: VerificationPanelProps) {
  if (!person) {
    return (
      <>
        <p>
          Every connection is checked against the host’s signed list of participants. To be sure
          nobody is in between, compare a short code with someone by voice or on video.
        </p>
        <p>
          Host key: <strong class="key-label">{session.hostKeyLabel}</strong>
        </p>
        {others.length === 0 ? (
          <p>Nobody else is here yet.</p>
        ) : (
          <ul class="people">
            {others.map((p) => (
              <li key={p.peerId}>
                <span class="person-name">{p.name}</span>
                <button class="small" onClick={(e) => onChoose(p.peerId, e.currentTarget)}>
                  Verify {p.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return <PersonVerification session={session} person={person} />;
}

function PersonVerification({ session, person }: { session: MeetingSession; person: Participant }) {
  const { peerId, name } = person;
  const [mismatch, setMismatch] = useState(false);
  useEffect(() => {
    setMismatch(false);
    if (person.connection === 'connected') session.compare(peerId);
  }, [peerId, person.connection, session]);
  const state = session.sas(peerId).value;
  const marked = session.markedVerified.value.has(peerId);
  const trust = trustState(person, session.markedVerified.value);
  return (
    <>
      <p class={`trust ${trust}`}>{TRUST_TEXT[trust]}</p>
      <p>
        Host key: <strong class="key-label">{session.hostKeyLabel}</strong>
      </p>
      {state.status === 'failed' || mismatch ? (
        <div role="alert" class="sas-warning">
          <strong>The codes do not match.</strong> Someone may be listening in between you and{' '}
          {name}. Leave the meeting and ask the host for a new link through another channel.
        </div>
      ) : null}
      {state.status === 'pending' && <p role="status">Working out the code with {name}…</p>}
      {state.status === 'ready' && (
        <section aria-labelledby="sas-title" class="sas">
          <h3 id="sas-title">Code to compare with {name}</h3>
          <p>Ask {name} to open Verify for you, then read the pictures or numbers to each other.</p>
          <ol aria-label="Pictures" class="sas-emoji">
            {state.sas.emoji.map((e, i) => (
              <li key={i}>
                <span class="sas-symbol" aria-hidden="true">
                  {e.symbol}
                </span>
                <span class="sas-name">{e.name}</span>
              </li>
            ))}
          </ol>
          <p class="sas-digits" aria-label={`Numbers: ${state.sas.digits.join(' ')}`}>
            {state.sas.digits.map((group, i) => (
              <span key={i}>{group}</span>
            ))}
          </p>
          <div class="sas-actions">
            {marked ? (
              <button onClick={() => session.markVerified(peerId, false)}>
                Remove verified mark
              </button>
            ) : (
              <button
                class="primary"
                onClick={() => {
                  setMismatch(false);
                  session.markVerified(peerId, true);
                }}
              >
                They match: mark {name} verified
              </button>
            )}
            <button
              onClick={() => {
                setMismatch(true);
                session.markVerified(peerId, false);
              }}
            >
              They do not match
            </button>
          </div>
        </section>
      )}
      <ConnectionDetails name={name} peerId={peerId} session={session} />
    </>
  );
}

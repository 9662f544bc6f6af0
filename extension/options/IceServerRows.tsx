import { emptyRow, type IceServerRow } from './ice-servers.ts';

interface IceServerRowsProps {
  rows: IceServerRow[];
  /** Problems by row number (from 1). */
  problems: Map<number, string>;
  onChange(rows: IceServerRow[]): void;
}

/** STUN/TURN servers, one row each: address, username, credential. */
export function IceServerRows({ rows, problems, onChange }: IceServerRowsProps) {
  const update = (index: number, field: keyof IceServerRow, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  return (
    <fieldset class="ice-rows">
      <legend>ICE servers (STUN and TURN)</legend>
      {rows.length === 0 && <p class="tagline">None: calls connect directly or not at all.</p>}
      {rows.map((row, index) => {
        const number = index + 1;
        const problem = problems.get(number);
        const errorId = `ice-row-${number}-error`;
        const invalid = problem ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
        return (
          <div class="ice-row" key={index} role="group" aria-label={`ICE server ${number}`}>
            <label>
              Address
              <input
                value={row.url}
                placeholder="turns:turn.example.org:5349"
                spellcheck={false}
                onInput={(e) => update(index, 'url', e.currentTarget.value)}
                {...invalid}
              />
            </label>
            <label>
              Username
              <input
                value={row.username}
                autocomplete="off"
                onInput={(e) => update(index, 'username', e.currentTarget.value)}
              />
            </label>
            <label>
              Credential
              <input
                type="password"
                value={row.credential}
                autocomplete="off"
                onInput={(e) => update(index, 'credential', e.currentTarget.value)}
              />
            </label>
            <button
              type="button"
              aria-label={`Remove ICE server ${number}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              Remove
            </button>
            {problem && (
              <p id={errorId} class="problem" role="alert">
                {`Row ${number}: ${problem}`}
              </p>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...rows, emptyRow()])}>
        Add ICE server
      </button>
    </fieldset>
  );
}

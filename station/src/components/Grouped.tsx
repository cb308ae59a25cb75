import { useState } from 'preact/hooks';

/** Split into 4-character groups (ARCHITECTURE 2.7) for reading aloud / comparing by eye. */
export function groupsOf4(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 4) out.push(s.slice(i, i + 4));
  return out;
}

/**
 * A public string (address, xpub, fingerprint) in 4-character groups, with the full string
 * selectable in one piece and a Copy button (clipboard only; no network).
 */
export function Grouped({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="grouped">
      <code class="groups" aria-label={label} data-value={value}>
        {groupsOf4(value).map((g, i) => <span key={i}>{g}</span>)}
      </code>
      <button type="button" class="small" onClick={copy} aria-label={`Copy ${label}`}>{copied ? 'Copied' : 'Copy'}</button>
    </div>
  );
}

import { useState } from 'preact/hooks';
import { suggestWords, WORDLIST } from '../../../shared/keys/mnemonic';

const KNOWN = new Set(WORDLIST);

/**
 * One recovery-word input with BIP-39 English autocompletion. Keyboard: type a few letters,
 * ↓/↑ pick a suggestion, Enter/Tab/Space accept it (Space and Enter then move to the next word).
 * Pasting several words at once hands them to `onPasteMany` (the import grid distributes them).
 * No spellcheck/autocorrect/autocomplete: the browser must not remember or send these words.
 */
export function WordField({ id, label, ariaLabel, value, invalid, onValue, onNext, onPasteMany, wordlist }: {
  id: string;
  label: string;
  /** Accessible name when the visible label is terse (the import grid shows just the number). */
  ariaLabel?: string;
  value: string;
  invalid?: boolean;
  onValue: (v: string) => void;
  onNext?: () => void;
  onPasteMany?: (text: string) => void;
  /** Another word list (SLIP-39 shares); default BIP-39 English. */
  wordlist?: { known: (w: string) => boolean; suggest: (prefix: string, limit: number) => string[] };
}) {
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(0);
  const v = value.trim().toLowerCase();
  const known = wordlist ? wordlist.known(v) : KNOWN.has(v);
  const suggestions = focused && v.length > 0 && !known ? (wordlist ? wordlist.suggest(v, 6) : suggestWords(v, 6)) : [];
  const accept = (w: string) => {
    onValue(w);
    setActive(0);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % suggestions.length); return; }
      if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a + suggestions.length - 1) % suggestions.length); return; }
      if (e.key === 'Enter' || e.key === ' ' || e.key === 'Tab') {
        accept(suggestions[Math.min(active, suggestions.length - 1)]);
        if (e.key !== 'Tab') { e.preventDefault(); onNext?.(); }
        return;
      }
    }
    if (e.key === ' ' && onNext) { e.preventDefault(); onNext(); }
  };
  const onPaste = (e: ClipboardEvent) => {
    const text = e.clipboardData?.getData('text') ?? '';
    if (onPasteMany && /\S\s+\S/.test(text.trim())) {
      e.preventDefault();
      onPasteMany(text);
    }
  };
  const listId = `${id}-suggestions`;
  return (
    <div class={`word-field${invalid ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input id={id} type="text" value={value} aria-label={ariaLabel} autoComplete="off" autoCapitalize="none" spellcheck={false}
        {...{ autocorrect: 'off' }}
        role="combobox" aria-expanded={suggestions.length > 0} aria-controls={listId} aria-autocomplete="list"
        aria-invalid={invalid ? 'true' : undefined}
        onInput={(e) => { onValue(e.currentTarget.value.replace(/\s+/g, '')); setActive(0); }}
        onKeyDown={onKeyDown} onPaste={onPaste}
        onFocus={() => setFocused(true)} onBlur={() => setFocused(false)} />
      {suggestions.length > 0 && (
        <ul id={listId} class="suggestions" role="listbox" aria-label={`Suggestions for ${ariaLabel ?? label}`}>
          {suggestions.map((w, i) => (
            <li key={w} role="option" aria-selected={i === active} class={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); accept(w); }}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

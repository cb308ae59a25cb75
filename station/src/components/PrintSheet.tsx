import type { ComponentChildren } from 'preact';
import '../print.css';

/** Account paths Airlock derives (BIP-84/86/49/44 Bitcoin, BIP-44 Ethereum), printed on backup sheets. */
export const STANDARD_PATHS = ["m/84'/0'/0'", "m/86'/0'/0'", "m/49'/0'/0'", "m/44'/0'/0'", "m/44'/60'/0'"] as const;

/**
 * A printable backup sheet: hidden on screen, the only thing on paper (station/src/print.css).
 * Header facts are public (title, key label, fingerprint, date, derivation paths); the body is
 * whatever the sheet is FOR — a share's words on a share sheet, nothing secret on an account sheet.
 */
export function PrintSheet({ kind, title, label, fingerprint, date, paths, secret, children }: {
  kind: 'words' | 'share' | 'seedqr' | 'account';
  title: string;
  label: string;
  fingerprint: string;
  /** ms since epoch */
  date: number;
  paths?: readonly string[];
  /** the sheet carries a secret (words, share, SeedQR): print a handling warning */
  secret: boolean;
  children: ComponentChildren;
}) {
  return (
    <article class={`print-sheet print-${kind}`} data-testid="print-sheet" aria-hidden="true">
      <header>
        <h1>{title}</h1>
        <dl>
          <dt>Key</dt><dd>{label}</dd>
          <dt>Fingerprint</dt><dd class="mono">{fingerprint}</dd>
          <dt>Printed</dt><dd>{new Date(date).toISOString().slice(0, 10)}</dd>
          {paths && paths.length > 0 && <><dt>Derivation paths</dt><dd class="mono">{paths.join('  ·  ')}</dd></>}
        </dl>
      </header>
      {children}
      <footer>
        {secret
          ? 'SECRET: anyone who reads this sheet may take the funds it protects. Store it offline, out of sight; never photograph it.'
          : 'Public information: no recovery words or private keys on this sheet.'}
      </footer>
    </article>
  );
}

/** Open the browser's print dialog (the print CSS shows only the sheet). */
export function printSheet(): void {
  window.print();
}

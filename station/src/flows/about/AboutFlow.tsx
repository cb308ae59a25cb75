/**
 * About this station (issue 10): version and build hash, how to check them against the published
 * release, and a comparison with the latest build the online companion knows (scan its QR or
 * type the hash) — "this station is out of date" without the station going online.
 */
import { useState } from 'preact/hooks';
import { QrScanner } from '../../../../shared/ui/QrScanner';
import { buildInfo, stampDocument } from '../../platform/build-info';
import { navigate } from '../../state/session';
import { compareBuild, parsePublishedBuild, type Comparison } from '../../../../shared/build/published-build';

// routes.tsx imports this module when the app starts: stamp <html data-airlock-build="…"> so the
// USB image's boot self-check (and the e2e test) can see from the live DOM that the JavaScript ran.
stampDocument();

/** The hash in groups of 8 for reading aloud / comparing by eye. */
function grouped(hex: string): string {
  return hex.replace(/(.{8})(?=.)/g, '$1 ');
}

const VERDICT: Record<Comparison['kind'], (c: Comparison) => { ok: boolean; text: string }> = {
  same: () => ({ ok: true, text: '✓ This station is the published build.' }),
  'different-build': () => ({ ok: false, text: '✗ Same version, different build hash: this station is not the published build. Do not use it with real keys; write a verified image to the stick.' }),
  'out-of-date': (c) => ({ ok: false, text: `✗ This station is out of date: the latest published version is ${(c as { latest: string }).latest}. Verify and write the new image (BUILD.md, "Updating").` }),
  'newer-than-published': (c) => ({ ok: false, text: `This station is newer than the build you scanned (${(c as { published: string }).published}); the companion's list may be old.` }),
  different: () => ({ ok: false, text: '✗ The hashes differ: this station is not that build.' }),
};

export function AboutFlow() {
  const [mode, setMode] = useState<'idle' | 'scan' | 'type'>('idle');
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const check = (text: string) => {
    const published = parsePublishedBuild(text);
    if (!published) {
      setResult({ ok: false, text: 'That is not a build hash (64 hex characters) nor the companion’s “airlock-build:…” code.' });
      return;
    }
    const c = compareBuild(buildInfo, published);
    setResult(VERDICT[c.kind](c));
    setMode('idle');
  };
  return (
    <section class="step about">
      <h2>About this station</h2>
      <dl class="facts build-info">
        <dt>Version</dt>
        <dd data-testid="station-version">{buildInfo.version}</dd>
        <dt>Build hash</dt>
        <dd>
          {buildInfo.buildHash
            ? <code class="fingerprint" data-testid="station-build-hash" data-hash={buildInfo.buildHash}>{grouped(buildInfo.buildHash)}</code>
            : <span data-testid="station-build-hash">development build (no build hash)</span>}
        </dd>
      </dl>
      <p class="muted">
        The build hash is the SHA-256 of this station's file with its build-hash line blanked (64 zeros). Compare it
        with the release notes, or recompute it from the published <code>index.html</code> with
        {' '}<code>node station/usb/build-hash.mjs index.html</code> (BUILD.md, “Build identity”).
      </p>
      <fieldset>
        <legend>Is this the latest published build?</legend>
        <p>Scan the latest-build QR code from the online companion (text <code>airlock-build:…</code>), or type the build hash from the release notes.</p>
        {mode === 'scan' && (
          <QrScanner accept={{ urTypes: [], text: true, expected: 'the companion’s “latest station build” QR code' }} maxBytes={200}
            onComplete={(r) => (r.payload.kind === 'text' ? check(r.payload.text) : setResult({ ok: false, text: 'That QR code is not a build hash.' }))} />
        )}
        {mode === 'type' && (
          <form onSubmit={(e) => { e.preventDefault(); check(typed); }}>
            <label>Published build hash<input type="text" spellcheck={false} autocomplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} /></label>
            <div class="actions"><button type="submit">Compare</button></div>
          </form>
        )}
        {result && <p class={result.ok ? 'panel ok' : 'panel error'} role="status">{result.text}</p>}
        <div class="actions">
          {mode !== 'scan' && <button type="button" onClick={() => { setResult(null); setMode('scan'); }}>Scan the companion’s QR</button>}
          {mode !== 'type' && <button type="button" class="secondary" onClick={() => { setResult(null); setMode('type'); }}>Type a hash</button>}
        </div>
      </fieldset>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
      </div>
    </section>
  );
}

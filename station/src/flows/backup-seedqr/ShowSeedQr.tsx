import { useMemo, useState } from 'preact/hooks';
import { create } from 'qrcode';
import { renderQrMatrix, type QrMatrix } from '../../../../shared/qr/render';
import { drawQr } from '../../../../shared/ui/qr-canvas';
import { wipe } from '../../../../shared/bytes';
import { revealedCompactSeedQr, revealedSeedQr } from '../backup/secrets';
import { PrintSheet, printSheet, STANDARD_PATHS } from '../../components/PrintSheet';
import { useVeil } from '../../components/use-veil';

/** SeedSigner draws SeedQRs at error-correction level L (smallest code to transcribe by hand). */
function matrixOf(compact: boolean): QrMatrix {
  if (!compact) return renderQrMatrix(revealedSeedQr(), { ecc: 'L' });
  const bytes = revealedCompactSeedQr();
  try {
    const qr = create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'L' });
    return { size: qr.modules.size, version: qr.version, ecc: 'L', modules: Uint8Array.from(qr.modules.data, (v) => (v ? 1 : 0)) };
  } finally {
    wipe(bytes);
  }
}

function dataUrlOf(m: QrMatrix): string {
  const c = document.createElement('canvas');
  drawQr(c, m, 400);
  return c.toDataURL('image/png');
}

/**
 * The revealed key as a SeedQR (dark on white) plus, for Standard SeedQR, its digits in 4-digit
 * word groups to transcribe; Compact shows the module grid only. Local, render-derived data only.
 */
export function ShowSeedQr({ label, fingerprint, wordCount, onDone }: {
  label: string;
  fingerprint: string;
  wordCount: number;
  onDone: () => void;
}) {
  useVeil();
  const [compact, setCompact] = useState(false);
  const m = useMemo(() => matrixOf(compact), [compact]);
  const url = useMemo(() => dataUrlOf(m), [m]);
  const digits = compact ? [] : (revealedSeedQr().match(/\d{4}/g) ?? []);
  const name = compact ? 'CompactSeedQR' : 'SeedQR';
  return (
    <section class="step" data-testid="seedqr-shown">
      <h2>{name} of “{label}”</h2>
      <p class="warning"><strong>This QR code IS your key.</strong> Anything that can see it — a camera, a phone, a screen recorder, a person — can take the funds. Close it as soon as you have copied it.</p>
      <label class="check"><input type="checkbox" checked={compact} onChange={(e) => setCompact(e.currentTarget.checked)} /> Compact (smaller code, {wordCount === 12 ? '21×21' : '25×25'} modules; not human-readable)</label>
      <p class="muted">{m.size}×{m.size} modules, version {m.version}, error correction L — the grid to transcribe onto a SeedQR template.</p>
      <img class="seedqr" src={url} width={320} height={320} alt={`${name} code (secret)`} data-testid="seedqr-image" style="image-rendering: pixelated" />
      {!compact && (
        <ol class="word-grid digits" aria-label="SeedQR digits, 4 per word">
          {digits.map((d, i) => <li key={i}><span class="n">{i + 1}</span><span class="w">{d}</span></li>)}
        </ol>
      )}
      <PrintSheet kind="seedqr" title={`${name} — ${wordCount} words`} label={label} fingerprint={fingerprint} date={Date.now()} paths={STANDARD_PATHS} secret>
        <img class="sheet-qr" src={url} alt="" />
        {!compact && <div class="sheet-digits">{digits.map((d, i) => <span key={i}>{String(i + 1).padStart(2, ' ')}: {d}</span>)}</div>}
        <p class="sheet-note">Scan with Airlock or SeedSigner to restore. Each 4-digit group is a BIP-39 word number (0000 = “abandon”).</p>
      </PrintSheet>
      <div class="actions">
        <button type="button" onClick={printSheet}>Print the {name}</button>
        <button type="button" class="primary" onClick={onDone}>Hide it</button>
      </div>
    </section>
  );
}

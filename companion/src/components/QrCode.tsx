/** A static QR code of a short text (an address or BIP-21 URI), black on white with its quiet zone. */
import { useEffect, useRef } from 'preact/hooks';
import { renderQrMatrix } from '../../../shared/qr/render';
import { drawQr } from '../../../shared/ui/qr-canvas';

export function QrCode({ text, label, size = 260 }: { text: string; label: string; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawQr(ref.current, renderQrMatrix(text, { ecc: 'M' }), size);
  }, [text, size]);
  return (
    <div class="qr-frame static-qr">
      <canvas ref={ref} role="img" aria-label={label} data-qr-text={text} />
    </div>
  );
}

/**
 * Reads QR codes from screenshots with Debian's `zbarimg` (zbar-tools): an independent decoder,
 * so a code the station draws is checked by software that shares nothing with ours.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const ZBARIMG = process.env.ZBARIMG_PATH ?? '/usr/bin/zbarimg';

export function zbarAvailable(): boolean {
  return existsSync(ZBARIMG);
}

/** Decode every QR in an image file; [] when none is found (zbarimg exits 4). */
export function zbarDecodeFile(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(ZBARIMG, ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], { timeout: 20_000 }, (err, stdout) => {
      const code = (err as { code?: number } | null)?.code;
      if (err && code !== 4) return reject(new Error(`zbarimg failed (${code ?? err.message})`));
      resolve(stdout.split('\n').map((l) => l.trim()).filter(Boolean));
    });
  });
}

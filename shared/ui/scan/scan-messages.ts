/**
 * Words for the scanner: what a UR type is in plain language, and the message + how-to-fix hint
 * for every way a scan can fail. Pure (tested in Node); the texts come from USER_MESSAGES so the
 * CLI, the station and the companion say the same thing.
 */
import { USER_MESSAGES, type ErrorCode } from '../../errors';
import type { ScanPayload } from '../../ur/assembler';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  'crypto-psbt': 'Bitcoin transaction (PSBT)',
  psbt: 'Bitcoin transaction (PSBT)',
  'bbqr-P': 'Bitcoin transaction (PSBT, BBQr)',
  'eth-sign-request': 'Ethereum signing request',
  'eth-signature': 'Ethereum signature',
  'crypto-account': 'Bitcoin account (xpubs)',
  'account-descriptor': 'Bitcoin account (xpubs)',
  'crypto-hdkey': 'extended public key',
  hdkey: 'extended public key',
  'crypto-output': 'output descriptor (wallet)',
  'output-descriptor': 'output descriptor (wallet)',
  bytes: 'file (bytes)',
};

/** Plain-language name of a UR type (or `bbqr-<fileType>`); unknown types are shown as-is. */
export function urTypeName(urType: string): string {
  return TYPE_NAMES[urType] ?? (urType.startsWith('bbqr-') ? `BBQr file (type ${urType.slice(5)})` : urType);
}

/** Plain-language name of a completed payload. */
export function payloadName(p: ScanPayload): string {
  if (p.kind === 'text') return 'Text';
  if (p.kind === 'bbqr') return urTypeName(`bbqr-${p.fileType}`);
  return urTypeName(p.urType);
}

const HINTS: Partial<Record<ErrorCode, string>> = {
  'ur/unsupported-type': 'Check that the other device shows the right code for this step.',
  'ur/mixed-messages':
    'Nothing was mixed: the scan stopped. Keep only one animated code in front of the camera, then restart the scan.',
  'ur/type-changed': 'Nothing was mixed: the scan stopped. Restart the scan.',
  'ur/too-large': 'Airlock refuses codes this big rather than risk running out of memory. Split the data or use a smaller transaction.',
  'ur/not-ur': 'This screen expects {expected}. Plain QR codes (addresses, notes) are not accepted here.',
  'ur/corrupt': 'The code was damaged in transit. Restart the scan; if it happens again, lower the density on the other device.',
  'ur/unsupported-encoding': 'Ask the sender to export again with another encoding.',
  'camera/denied':
    'Click the camera icon in the address bar (or open the site settings), set Camera to Allow and reload. Or import a video or photos of the code below.',
  'camera/unavailable': 'Plug in a webcam and press "Try the camera again", or import a video or photos of the code below.',
};

function fill(template: string, detail?: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = detail?.[k];
    if (v === undefined) return m;
    if (k !== 'got') return String(v);
    const name = urTypeName(String(v));
    return name === v ? String(v) : `${name}, ur:${v}`;
  });
}

/** Message and how-to-fix hint for a scan failure. `detail` values are public facts (types, limits). */
export function scanFailureText(code: ErrorCode, detail?: Readonly<Record<string, string | number>>): { message: string; hint: string } {
  const hint = HINTS[code];
  return { message: fill(USER_MESSAGES[code] ?? USER_MESSAGES.internal, detail), hint: hint ? fill(hint, detail) : '' };
}

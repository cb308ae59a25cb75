import { describe, expect, it } from 'vitest';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { createScanSession, displayView, payloadBytes, payloadDigest, type AcceptPolicy } from '../../../shared/ui/scan/scan-session';
import { scanFailureText, urTypeName } from '../../../shared/ui/scan/scan-messages';
import { createAnimator } from '../../../shared/ur/animator';
import { encodeSinglePart } from '../../../shared/ur/bcur-adapter';
import { classifyStationScan, looksLikeWalletText } from '../../../station/src/flows/scan/classify';
import { STATION_SCAN_ACCEPT } from '../../../station/src/scan/policy';

const psbtCbor = (psbt: Uint8Array) => new Uint8Array(new CryptoPSBT(Buffer.from(psbt)).toCBOR());
const fakePsbt = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i < 5 ? [0x70, 0x73, 0x62, 0x74, 0xff][i] : (i * 31 + seed) & 0xff));
const parts = (cbor: Uint8Array, frag: number, count: number) => {
  const a = createAnimator('crypto-psbt', cbor, { maxFragmentLength: frag });
  return Array.from({ length: count }, () => a.nextFrame());
};
const POLICY: AcceptPolicy = STATION_SCAN_ACCEPT;

describe('scan session (what the scanner shows)', () => {
  it('multipart PSBT: progress with type and counts, then done with the exact bytes', () => {
    const psbt = fakePsbt(3000, 1);
    const s = createScanSession(POLICY, 1 << 20);
    const frames = parts(psbtCbor(psbt), 250, 40);
    let v = s.push(frames[0]);
    expect(v).toMatchObject({ phase: 'progress', urType: 'crypto-psbt', received: 1 });
    s.push(frames[0]);
    expect(s.counters.duplicate).toBe(1);
    for (const f of frames.slice(1)) if (s.push(f).phase === 'done') break;
    v = s.view;
    if (v.phase !== 'done') throw new Error(`not done: ${v.phase}`);
    expect(v.byteLength).toBe(psbt.length);
    expect(payloadBytes(v.payload)).toEqual(psbt);
  });

  it('corrupt part is ignored and counted, the scan goes on', () => {
    const s = createScanSession(POLICY, 1 << 20);
    const [f1, f2] = parts(psbtCbor(fakePsbt(1200, 2)), 250, 2);
    s.push(f1);
    const broken = f2.slice(0, -6) + (f2.endsWith('A') ? 'BBBBBB' : 'AAAAAA');
    expect(s.push(broken).phase).toBe('progress');
    expect(s.counters.corrupt).toBe(1);
  });

  it('a part of another message stops the scan (never mixed) until restart', () => {
    const s = createScanSession(POLICY, 1 << 20);
    const a = parts(psbtCbor(fakePsbt(1200, 3)), 250, 2);
    const b = parts(psbtCbor(fakePsbt(1200, 4)), 250, 2);
    s.push(a[0]);
    expect(s.push(b[1])).toMatchObject({ phase: 'failed', code: 'ur/mixed-messages' });
    expect(s.push(a[1]).phase).toBe('failed');
    expect(s.restart().phase).toBe('waiting');
    expect(s.push(b[0]).phase).toBe('progress');
  });

  it('wrong UR type is refused with what came and what the screen expects, in words', () => {
    const s = createScanSession(POLICY, 1 << 20);
    const v = s.push(encodeSinglePart('crypto-hdkey', new Uint8Array([0xa1, 0x01, 0x02])).toUpperCase());
    if (v.phase !== 'failed') throw new Error(v.phase);
    expect(v.code).toBe('ur/unsupported-type');
    const { message } = scanFailureText(v.code, v.detail);
    expect(message).toContain('extended public key, ur:crypto-hdkey');
    expect(message).toContain(POLICY.expected);
  });

  it('plain text is refused where the screen does not take text, accepted where it does', () => {
    const station = createScanSession(POLICY, 1 << 20).push('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(station).toMatchObject({ phase: 'failed', code: 'ur/not-ur' });
    const open = createScanSession({ urTypes: ['crypto-account'], text: true, expected: 'an account' }, 1 << 20).push('hello');
    expect(open).toMatchObject({ phase: 'done', payload: { kind: 'text', text: 'hello' } });
  });

  it('payload over the limit is refused at the first part with the limit in the message', () => {
    const s = createScanSession(POLICY, 1000);
    const v = s.push(parts(psbtCbor(fakePsbt(5000, 5)), 250, 1)[0]);
    if (v.phase !== 'failed') throw new Error(v.phase);
    expect(v.code).toBe('ur/too-large');
    expect(scanFailureText(v.code, v.detail).message).toContain('(1000 bytes)');
  });

  it('every scanner failure has a how-to-fix hint', () => {
    for (const code of ['ur/unsupported-type', 'ur/mixed-messages', 'ur/too-large', 'ur/not-ur', 'ur/corrupt', 'camera/denied', 'camera/unavailable'] as const) {
      expect(scanFailureText(code, { got: 'x', expected: 'y', limit: 1 }).hint, code).not.toBe('');
    }
    expect(urTypeName('psbt')).toBe('Bitcoin transaction (PSBT)');
  });
});

describe('station scan classification', () => {
  it('PSBT, eth request, descriptor bytes and BBQr P are accepted; other bytes are refused', () => {
    const psbt = fakePsbt(100, 6);
    expect(classifyStationScan({ kind: 'psbt', urType: 'psbt', bytes: psbt, cbor: psbtCbor(psbt) })).toMatchObject({ ok: true, kind: 'psbt' });
    expect(classifyStationScan({ kind: 'bbqr', fileType: 'P', encoding: 'H', bytes: psbt })).toMatchObject({ ok: true, kind: 'psbt' });
    const desc = new TextEncoder().encode('wsh(sortedmulti(2,[73c5da0a/48h/0h/0h/2h]xpub1/0/*,[00000000/48h/0h/0h/2h]xpub2/0/*))');
    expect(classifyStationScan({ kind: 'bytes', urType: 'bytes', bytes: desc, cbor: desc })).toMatchObject({ ok: true, kind: 'multisig' });
    expect(classifyStationScan({ kind: 'bytes', urType: 'bytes', bytes: new Uint8Array([1, 2]), cbor: new Uint8Array() })).toMatchObject({ ok: false });
    expect(looksLikeWalletText('BSMS 1.0\n00\n')).toBe(true);
    expect(looksLikeWalletText('hello')).toBe(false);
  });
});

describe('secret scan screens (SeedQR)', () => {
  const SEEDQR = '011513251154012711900771041507421289190620080870026613431420201617920614089619290300152408010643';
  const SECRET: AcceptPolicy = { urTypes: [], text: true, expected: 'a SeedQR', secret: true };
  const done = () => {
    const s = createScanSession(SECRET, 256);
    const v = s.push(SEEDQR);
    if (v.phase !== 'done') throw new Error(`not done: ${v.phase}`);
    return v;
  };
  it('a secret payload gets no hash (a hash of a seed is secret-derived); a public one does', () => {
    const v = done();
    expect(payloadDigest(v, SECRET)).toBeUndefined();
    expect(payloadDigest(v, { ...SECRET, secret: false })).toMatch(/^[0-9a-f]{64}$/);
  });
  it('the view a secret screen keeps in state holds no copy of the payload', () => {
    const v = done();
    expect(v.payload, 'the session itself completed with the digits').toEqual({ kind: 'text', text: SEEDQR });
    const shown = displayView(v, SECRET);
    expect(JSON.stringify(shown)).not.toContain(SEEDQR.slice(0, 12));
    expect(shown).toMatchObject({ phase: 'done', byteLength: SEEDQR.length });
    expect(displayView(v, { ...SECRET, secret: false }), 'public screens unchanged').toBe(v);
  });
});

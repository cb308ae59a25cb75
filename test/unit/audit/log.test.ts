import { describe, expect, it } from 'vitest';
import { createHash, createHmac, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { HDKey } from '@scure/bip32';
import {
  GENESIS_PREV,
  appendEntry,
  auditPublicKey,
  canonicalJson,
  deriveAuditSeed,
  generateAuditSeed,
  hashEntryBody,
  serializeEntry,
  serializeLog,
  startLog,
  verifyLog,
  type AuditEntry,
} from '../../../shared/audit/log';
import { psbtSignedEvent, ethSignedEvent, type AuditEvent } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import { ed25519 } from '@noble/curves/ed25519.js';

const SEED_A = new Uint8Array(32).fill(0xa1);
const SEED_B = new Uint8Array(32).fill(0xb2);
const T0 = Date.parse('2024-05-01T12:00:00.000Z');
const at = (i: number) => new Date(T0 + i * 60_000).toISOString();

const EVENTS: AuditEvent[] = [
  { event: 'wallet-imported', details: { fingerprint: '73c5da0a', source: 'mnemonic' } },
  { event: 'vault-unlocked', details: { fingerprint: '73c5da0a' } },
  psbtSignedEvent({
    txid: 'aa'.repeat(32),
    feeSats: 1410n,
    inputs: 2,
    outputs: [
      { address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', amountSats: 150_000n, change: false },
      { address: 'bc1q9d4ywgfnd8h43da5tpcxcn6ajv590cg6d3tg6axemvljvt2k76zs50tv4q', amountSats: 48_590n, change: true },
    ],
    network: 'mainnet',
    fingerprint: '73c5da0a',
    account: "m/84'/0'/0'",
  }),
  ethSignedEvent({ kind: 'eip1559', chainId: 1n, hash: '0x' + 'bb'.repeat(32), to: '0x' + '11'.repeat(20), valueWei: 10n ** 20n }),
  { event: 'account-exported', details: { fingerprint: '73c5da0a', paths: ["m/84'/0'/0'", "m/86'/0'/0'"] } },
];

function buildLog(seed = SEED_A, events = EVENTS): AuditEntry[] {
  const log = [startLog(seed, at(0))];
  events.forEach((ev, i) => log.push(appendEntry(log, ev, seed, at(i + 1))));
  return log;
}
const lines = (log: AuditEntry[]) => log.map(serializeEntry);
const text = (ls: string[]) => ls.join('\n') + '\n';

describe('audit log format', () => {
  it('valid log round trip: text and entries verify, with key, count and last hash', () => {
    const log = buildLog();
    const t = serializeLog(log);
    for (const input of [t, log, verifyLog(t).verified]) {
      const r = verifyLog(input);
      expect(r.valid).toBe(true);
      expect(r.first_bad_entry).toBeNull();
      expect(r.entries).toBe(6);
      expect(r.station_key).toBe(auditPublicKey(SEED_A));
      expect(r.last_hash).toBe(log[5].hash);
      expect(r.hasEntries).toBe(true);
      expect(r.verified).toHaveLength(6);
    }
  });

  it('entry 0 publishes the audit key, seq counts from 0 and prev chains hashes', () => {
    const log = buildLog();
    expect(log[0].event).toBe('log-started');
    expect(log[0].details).toEqual({ station_key: auditPublicKey(SEED_A) });
    expect(log[0].prev).toBe(GENESIS_PREV);
    expect(GENESIS_PREV).toBe('0'.repeat(64));
    log.forEach((e, i) => {
      expect(e.seq, `seq of entry ${i}`).toBe(i);
      if (i > 0) expect(e.prev, `prev of entry ${i}`).toBe(log[i - 1].hash);
    });
  });

  it('hash is SHA-256 of the documented canonical JSON (independent node:crypto check)', () => {
    const e = buildLog()[3];
    const canon =
      `{"details":${canonicalJson(e.details)},"event":"psbt-signed","prev":"${e.prev}","seq":3,"time":"${e.time}"}`;
    expect(canon).not.toMatch(/\s/);
    expect(e.hash).toBe(createHash('sha256').update(canon, 'utf8').digest('hex'));
    expect(hashEntryBody(e)).toBe(e.hash);
  });

  it('canonical JSON sorts keys recursively and has no spaces', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, true] })).toBe('{"a":[{"c":null,"d":"x"},true],"b":1}');
    expect(() => canonicalJson({ a: 1n })).toThrow(AppError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(AppError);
  });

  it('sig is Ed25519 over the raw hash bytes (independent node:crypto check)', () => {
    const log = buildLog();
    const x = Buffer.from(auditPublicKey(SEED_A), 'hex').toString('base64url');
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    for (const e of log) {
      expect(nodeVerify(null, Buffer.from(e.hash, 'hex'), pub, Buffer.from(e.sig, 'hex')), `entry ${e.seq}`).toBe(true);
    }
  });

  it('amounts are decimal strings (wei beyond 2^53 survives JSON)', () => {
    const r = verifyLog(serializeLog(buildLog()));
    expect(r.verified[4].details.value_wei).toBe('100000000000000000000');
    expect(r.verified[3].details.fee_sat).toBe('1410');
  });

  it('re-spacing a line keeps it valid (hash is over parsed values)', () => {
    const ls = lines(buildLog());
    ls[2] = JSON.stringify(JSON.parse(ls[2]), null, 0).replace(/,/g, ', ');
    expect(verifyLog(text(ls)).valid).toBe(true);
  });

  it('blank lines and CRLF line ends are ignored', () => {
    const ls = lines(buildLog());
    const r = verifyLog('\r\n' + ls.slice(0, 3).join('\r\n') + '\r\n\r\n' + ls.slice(3).join('\n') + '\n\n');
    expect(r.valid).toBe(true);
    expect(r.entries).toBe(6);
  });

  it('never contains the audit seed', () => {
    const t = serializeLog(buildLog());
    expect(t).not.toContain(Buffer.from(SEED_A).toString('hex'));
  });
});

describe('audit log tamper detection: first_bad_entry is exact', () => {
  const base = () => lines(buildLog());
  const check = (ls: string[], bad: number, opts = {}) => {
    const r = verifyLog(text(ls), opts);
    expect(r.valid).toBe(false);
    expect(r.first_bad_entry).toBe(bad);
    expect(r.verified).toHaveLength(bad);
    return r;
  };

  it('edited entry (details changed, hash kept) fails at its position', () => {
    const ls = base();
    const o = JSON.parse(ls[3]);
    o.details.outputs[0].value_sat = '1';
    ls[3] = JSON.stringify(o);
    check(ls, 3);
  });

  it('edited entry with recomputed hash still fails (signature covers the hash)', () => {
    const ls = base();
    const o = JSON.parse(ls[2]);
    o.details.fingerprint = 'deadbeef';
    o.hash = hashEntryBody(o);
    ls[2] = JSON.stringify(o);
    check(ls, 2);
  });

  it('edited time fails at its position', () => {
    const ls = base();
    const o = JSON.parse(ls[4]);
    o.time = '2020-01-01T00:00:00.000Z';
    ls[4] = JSON.stringify(o);
    check(ls, 4);
  });

  it('removed entry fails at the position it left', () => {
    for (const k of [0, 1, 3]) {
      const ls = base();
      ls.splice(k, 1);
      check(ls, k);
    }
  });

  it('removed entry with later entries renumbered and re-chained fails (signatures)', () => {
    const log = buildLog();
    log.splice(2, 1);
    for (let i = 2; i < log.length; i++) {
      log[i] = { ...log[i], seq: i, prev: log[i - 1].hash };
      log[i].hash = hashEntryBody(log[i]);
    }
    check(lines(log), 2);
  });

  it('reordered entries fail at the first moved position', () => {
    const ls = base();
    [ls[1], ls[3]] = [ls[3], ls[1]];
    check(ls, 1);
    const ls2 = base();
    [ls2[4], ls2[5]] = [ls2[5], ls2[4]];
    check(ls2, 4);
  });

  it('forged signature fails at its position', () => {
    const ls = base();
    const o = JSON.parse(ls[5]);
    o.sig = (o.sig[0] === '0' ? '1' : '0') + o.sig.slice(1);
    ls[5] = JSON.stringify(o);
    check(ls, 5);
  });

  it('entry re-signed by another key fails at its position', () => {
    const log = buildLog();
    const forged = appendEntry(buildLog(SEED_B).slice(0, 3), EVENTS[2], SEED_B, at(3));
    const ls = lines(log);
    ls[3] = serializeEntry({ ...forged, prev: log[2].hash, seq: 3 });
    check(ls, 3);
  });

  it('log from another station fails at entry 0 with --station-key, and is valid unpinned', () => {
    const other = lines(buildLog(SEED_B));
    const r = check(other, 0, { stationKey: auditPublicKey(SEED_A) });
    expect(r.station_key).toBe(auditPublicKey(SEED_B));
    const pinnedOk = verifyLog(text(other), { stationKey: auditPublicKey(SEED_B).toUpperCase() });
    expect(pinnedOk.valid).toBe(true);
    expect(verifyLog(text(other)).valid).toBe(true);
  });

  it("entries of another station's log spliced in fail at the splice", () => {
    const ls = base();
    const other = lines(buildLog(SEED_B));
    check([...ls.slice(0, 3), ...other.slice(3)], 3);
  });

  it('unreadable line in the middle fails at its position', () => {
    const ls = base();
    ls.splice(2, 0, '{"seq":2, this is not json');
    const r = check(ls, 2);
    expect(r.entries).toBe(7);
    const ls2 = base();
    ls2[4] = 'garbage';
    check(ls2, 4);
  });

  it('a second log-started (key swap) fails at its position', () => {
    const log = buildLog();
    const swapped: AuditEntry = { seq: 6, time: at(6), event: 'log-started', details: { station_key: auditPublicKey(SEED_A) }, prev: log[5].hash, hash: '', sig: '' };
    swapped.hash = hashEntryBody(swapped);
    swapped.sig = Buffer.from(ed25519.sign(Buffer.from(swapped.hash, 'hex'), SEED_A)).toString('hex');
    check([...lines(log), serializeEntry(swapped)], 6);
  });

  it('seq must equal the position even when chain and signature are right (signed seq gap)', () => {
    const log = buildLog();
    const gap: AuditEntry = { seq: 7, time: at(6), event: 'vault-locked', details: {}, prev: log[5].hash, hash: '', sig: '' };
    gap.hash = hashEntryBody(gap);
    gap.sig = Buffer.from(ed25519.sign(Buffer.from(gap.hash, 'hex'), SEED_A)).toString('hex');
    check([...lines(log), serializeEntry(gap)], 6);
  });

  it('an entry with an extra field fails at its position', () => {
    const ls = base();
    const o = JSON.parse(ls[1]);
    o.note = 'unsigned claim';
    ls[1] = JSON.stringify(o);
    check(ls, 1);
  });

  it('entries cut off the end keep a valid chain but change entries and last_hash', () => {
    const ls = base();
    const r = verifyLog(text(ls.slice(0, 4)));
    expect(r.valid).toBe(true);
    expect(r.entries).toBe(4);
    expect(r.last_hash).not.toBe(verifyLog(text(ls)).last_hash);
  });

  it('input with no log entry at all is reported as such', () => {
    for (const t of ['', '\n\n', 'hello\nworld\n', '[1,2]', '{"a":1}']) {
      const r = verifyLog(t);
      expect(r.hasEntries, JSON.stringify(t)).toBe(false);
      expect(r.valid).toBe(false);
    }
  });
});

describe('partial export (anchor)', () => {
  it('entries after an anchor verify against the pinned key and the anchor hash', () => {
    const log = buildLog();
    const tail = text(lines(log).slice(3));
    const anchor = { seq: 2, hash: log[2].hash };
    const r = verifyLog(tail, { anchor, stationKey: auditPublicKey(SEED_A) });
    expect(r.valid).toBe(true);
    expect(r.entries).toBe(3);
    expect(r.station_key).toBe(auditPublicKey(SEED_A));
    expect(r.last_hash).toBe(log[5].hash);
  });

  it('a continuation fails at the seq it should carry: wrong anchor, gap, other key, no key', () => {
    const log = buildLog();
    const ls = lines(log);
    const key = auditPublicKey(SEED_A);
    expect(verifyLog(text(ls.slice(3)), { anchor: { seq: 2, hash: log[1].hash }, stationKey: key }).first_bad_entry).toBe(3);
    expect(verifyLog(text(ls.slice(4)), { anchor: { seq: 2, hash: log[2].hash }, stationKey: key }).first_bad_entry).toBe(3);
    expect(verifyLog(text([ls[3], ls[5]]), { anchor: { seq: 2, hash: log[2].hash }, stationKey: key }).first_bad_entry).toBe(4);
    expect(verifyLog(text(ls.slice(3)), { anchor: { seq: 2, hash: log[2].hash }, stationKey: auditPublicKey(SEED_B) }).first_bad_entry).toBe(3);
    expect(verifyLog(text(ls.slice(3)), { anchor: { seq: 2, hash: log[2].hash } }).valid).toBe(false);
  });
});

describe('audit keys', () => {
  it('appendEntry refuses another key, an empty log and a second log-started', () => {
    const log = buildLog();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).code;
      }
      return 'no error';
    };
    expect(code(() => appendEntry(log, EVENTS[0], SEED_B, at(9)))).toBe('audit/wrong-key');
    expect(code(() => appendEntry([], EVENTS[0], SEED_A, at(9)))).toBe('audit/invalid-log');
    expect(code(() => appendEntry(log, { event: 'log-started', details: { station_key: 'x' } }, SEED_A, at(9)))).toBe('audit/invalid-log');
    expect(code(() => appendEntry(log, EVENTS[0], SEED_A, 'yesterday'))).toBe('input/bad-encoding');
  });

  it('deriveAuditSeed = HMAC-SHA256("Airlock audit key v1", priv ‖ chain code), one-way and per wallet', () => {
    const root = HDKey.fromMasterSeed(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex')); // BIP-32 vector 1 seed
    const expected = createHmac('sha256', 'Airlock audit key v1')
      .update(Buffer.concat([Buffer.from(root.privateKey!), Buffer.from(root.chainCode!)]))
      .digest('hex');
    expect(Buffer.from(deriveAuditSeed(root)).toString('hex')).toBe(expected);
    expect(Buffer.from(deriveAuditSeed(root)).toString('hex')).not.toBe(Buffer.from(root.privateKey!).toString('hex'));
    const other = HDKey.fromMasterSeed(new Uint8Array(32).fill(7));
    expect(Buffer.from(deriveAuditSeed(other)).toString('hex')).not.toBe(expected);
    expect(() => deriveAuditSeed(HDKey.fromExtendedKey(root.publicExtendedKey))).toThrow(AppError);
  });

  it('generateAuditSeed gives distinct 32-byte seeds', () => {
    const a = generateAuditSeed();
    const b = generateAuditSeed();
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});

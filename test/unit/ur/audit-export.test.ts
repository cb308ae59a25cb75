import { describe, expect, it } from 'vitest';
import { appendEntry, startLog, serializeLog, verifyLog, type AuditEntry } from '../../../shared/audit/log';
import { psbtSignedEvent } from '../../../shared/audit/events';
import { AUDIT_EXPORT_UR_TYPE, decodeAuditExportBytes, decodeAuditExportCbor, encodeAuditExportCbor } from '../../../shared/ur/audit-export';
import { decodeUrPayload } from '../../../shared/ur/registry';
import { encodeUrParts } from '../../../shared/ur/animator';
import { createAssembler } from '../../../shared/ur/assembler';
import { utf8ToBytes } from '../../../shared/bytes';
import { Bytes } from '@keystonehq/bc-ur-registry';
import { Buffer } from 'buffer';

const SEED = new Uint8Array(32).fill(7);
function makeLog(n: number): AuditEntry[] {
  const log = [startLog(SEED, '2025-01-01T00:00:00.000Z')];
  for (let i = 1; i < n; i++) {
    log.push(appendEntry(log, psbtSignedEvent({ txid: i.toString(16).padStart(64, '0'), feeSats: 100n, inputs: 1, outputs: [{ address: 'bc1qexample', amountSats: 1000n * BigInt(i), change: false }], network: 'mainnet', fingerprint: '73c5da0a' }), SEED, `2025-01-01T00:0${i % 10}:00.000Z`));
  }
  return log;
}

describe('audit export (ur:bytes carrying JSON Lines)', () => {
  it('full export round-trips to the exact `audit verify` text and verifies', () => {
    const log = makeLog(5);
    const exp = decodeAuditExportCbor(encodeAuditExportCbor(log));
    expect(exp.text).toBe(serializeLog(log));
    expect(exp.partial).toBe(false);
    expect(exp.firstSeq).toBe(0);
    expect(verifyLog(exp.text).valid).toBe(true);
  });

  it('the CBOR is a registry ur:bytes message (read back by the Keystone Bytes class)', () => {
    const log = makeLog(2);
    const cbor = encodeAuditExportCbor(log);
    expect(AUDIT_EXPORT_UR_TYPE).toBe('bytes');
    const viaKeystone = new TextDecoder().decode(Bytes.fromCBOR(Buffer.from(cbor)).getData());
    expect(viaKeystone).toBe(serializeLog(log));
    const p = decodeUrPayload('bytes', cbor);
    expect(p.kind).toBe('bytes');
  });

  it('partial export (entries since the last export) verifies from its anchor', () => {
    const log = makeLog(6);
    const exp = decodeAuditExportCbor(encodeAuditExportCbor(log.slice(3)));
    expect(exp.partial).toBe(true);
    expect(exp.firstSeq).toBe(3);
    const r = verifyLog(exp.text, { anchor: { seq: 2, hash: log[2].hash }, stationKey: log[0].details.station_key as string });
    expect(r.valid).toBe(true);
    expect(verifyLog(exp.text, { anchor: { seq: 2, hash: log[1].hash }, stationKey: log[0].details.station_key as string }).valid).toBe(false);
  });

  it('travels through multipart UR frames and our assembler', () => {
    const log = makeLog(12);
    const parts = encodeUrParts('bytes', encodeAuditExportCbor(log), { maxFragment: 120 });
    expect(parts.length).toBeGreaterThan(3);
    const asm = createAssembler({ accept: ['bytes'], acceptText: false });
    let done: Uint8Array | undefined;
    for (const p of parts) {
      const st = asm.push(p);
      if (st.kind === 'complete' && st.payload.kind === 'bytes') done = st.payload.bytes;
    }
    expect(done).toBeDefined();
    expect(decodeAuditExportBytes(done!).lines).toBe(12);
  });

  it('bytes that are not a log are refused with audit/invalid-log', () => {
    expect(() => decodeAuditExportBytes(utf8ToBytes('hello\nworld\n'))).toThrow(expect.objectContaining({ code: 'audit/invalid-log' }));
    expect(() => decodeAuditExportBytes(new Uint8Array([0xff, 0xfe, 0x00]))).toThrow(expect.objectContaining({ code: 'audit/invalid-log' }));
  });

  it('a damaged line is kept in the text so verification reports it', () => {
    const text = serializeLog(makeLog(3)).replace('"fee_sat":"100"', '"fee_sat":"999"');
    const exp = decodeAuditExportBytes(utf8ToBytes(text));
    expect(exp.lines).toBe(3);
    expect(verifyLog(exp.text).first_bad_entry).toBe(1);
  });
});

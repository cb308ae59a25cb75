/**
 * Encrypted backup file restore/drill machine (station/src/flows/backup-file/machine.ts) and the
 * SeedQR scanned-text → bytes rule (station/src/flows/backup-seedqr/scanned-text.ts), the latter
 * checked against the scan worker's byte-segment decoding (UTF-8, else Latin-1) and the SeedQR vectors.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { initialState, itemLabel, transition, type Event, type State } from '../../station/src/flows/backup-file/machine';
import { seedQrBytesFromText } from '../../station/src/flows/backup-seedqr/scanned-text';
import { backupFileName } from '../../station/src/flows/backup-file/ExportFile';
import { decodeSeedQrPayload } from '../../shared/backup/seedqr';
import { entropyToWords } from '../../shared/keys/mnemonic';
import { runFlow } from './flow-step';

const run = (initial: State, script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow(transition, initial, script);
const preview = { added: ['key/00112233445566778899aabbccddeeff'], replaced: [], unchanged: ['meta/audit-log'], removedIfReplace: [] };

/** What the scan worker hands over for a byte-mode segment (shared/ui/scan/scan.worker.ts). */
function workerText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return String.fromCharCode(...bytes);
  }
}

describe('backup file flow', () => {
  it('restore: pick → wrong passphrase keeps unlock with the code → preview → merge → restored', () => {
    run(initialState('restore'), [
      { send: { type: 'pick-failed', code: 'backup/corrupt' } },
      { expect: 'pick', where: (s) => expect(s).toMatchObject({ error: 'backup/corrupt' }) },
      { send: { type: 'picked', fileName: 'a.airlock', created: '2025-01-01T00:00:00.000Z' } },
      { expect: 'unlock' },
      { send: { type: 'submitting' } },
      { send: { type: 'failed', code: 'backup/wrong-password' } },
      { expect: 'unlock', where: (s) => expect(s).toMatchObject({ busy: false, error: 'backup/wrong-password' }) },
      { send: { type: 'previewed', preview } },
      { expect: 'unlock' }, // a preview only counts after a submit
      { send: { type: 'submitting' } },
      { send: { type: 'previewed', preview } },
      { expect: 'preview', where: (s) => expect(s).toMatchObject({ preview }) },
      { send: { type: 'submitting' } },
      { send: { type: 'applied', applied: 'merge' } },
      { expect: 'restored', where: (s) => expect(s).toEqual({ step: 'restored', applied: 'merge', preview }) },
      { send: { type: 'cancel' } },
      { expect: 'restored' },
    ]);
  });

  it('drill mode never reaches the preview (nothing can be written) and restore mode never a drill verdict', () => {
    const drill = transition(transition(initialState('drill'), { type: 'picked', fileName: 'a', created: 'x' }), { type: 'submitting' });
    expect(transition(drill, { type: 'previewed', preview }).step).toBe('unlock');
    expect(transition(drill, { type: 'checked', keys: [] }).step).toBe('drill-result');
    const restore = transition(transition(initialState('restore'), { type: 'picked', fileName: 'a', created: 'x' }), { type: 'submitting' });
    expect(transition(restore, { type: 'checked', keys: [] }).step).toBe('unlock');
  });

  it('labels and file name', () => {
    expect(itemLabel('key/00112233445566778899aabbccddeeff')).toBe('key 00112233…');
    expect(itemLabel('meta/audit-log')).toBe('audit-log');
    expect(backupFileName(Date.UTC(2025, 0, 31, 23, 59))).toBe('airlock-backup-2025-01-31.airlock');
  });
});

describe('SeedQR scanned text → payload bytes', () => {
  const vectors = JSON.parse(readFileSync(resolve(import.meta.dirname, '../vectors/seedqr.json'), 'utf8')) as unknown;

  it('Standard SeedQR digits pass as ASCII digits (whitespace around them ignored)', () => {
    const digits = '1924'.repeat(12);
    expect(new TextDecoder().decode(seedQrBytesFromText(` ${digits}\n`))).toBe(digits);
  });

  it('binary CompactSeedQR entropy survives the worker for every byte value (Latin-1 and UTF-8 paths)', () => {
    const cases: Uint8Array[] = [
      new Uint8Array(16).fill(0x80), new Uint8Array(32).fill(0xff), new Uint8Array(16).fill(0x00),
      Uint8Array.from({ length: 16 }, (_, i) => [0x20, 0x0a, 0x0d, 0x41][i % 4]),
      Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff),
      // valid UTF-8 with a 2-byte character: the text is 15 characters long
      Uint8Array.from([0xc3, 0xa9, ...Array(14).fill(0x61)]),
      // valid UTF-8 with a 3-byte character
      Uint8Array.from([0xe2, 0x82, 0xac, ...Array(29).fill(0x62)]),
    ];
    for (let b = 0; b < 256; b++) cases.push(new Uint8Array(16).fill(b));
    for (const c of cases) expect(seedQrBytesFromText(workerText(c)), `bytes ${Array.from(c.subarray(0, 4)).join(',')}…`).toEqual(c);
  });

  it('SeedQR vectors: digits and compact bytes through the worker text decode to the vector words', () => {
    const list = (vectors as { vectors: { mnemonic: string; standard_seedqr_digits: string; compact_seedqr_bytes_hex_derived: string }[] }).vectors;
    expect(list.length).toBe(9);
    list.forEach((v, i) => {
      const std = decodeSeedQrPayload(seedQrBytesFromText(v.standard_seedqr_digits));
      expect(entropyToWords(std).join(' '), `seedqr.json#${i}: standard`).toBe(v.mnemonic);
      const bytes = Uint8Array.from(v.compact_seedqr_bytes_hex_derived.match(/../g)!.map((h) => parseInt(h, 16)));
      const compact = decodeSeedQrPayload(seedQrBytesFromText(workerText(bytes)));
      expect(entropyToWords(compact).join(' '), `seedqr.json#${i}: compact`).toBe(v.mnemonic);
    });
  });
});

/**
 * Register-multisig flow: the pure machine (confirm only when a stored key is a cosigner; refused
 * otherwise), and the scanned-wallet reader — a BCR-2020-010 crypto-output (wsh(sortedmulti(...)))
 * built with @keystonehq/bc-ur-registry converts to a descriptor that parses to the same wallet as
 * the coordinator's text descriptor (test/unit/bitcoin/fixtures.ts: 2-of-3 P2WSH on testnet).
 */
import { describe, expect, it } from 'vitest';
import { CryptoHDKey, CryptoKeypath, CryptoOutput, MultiKey, PathComponent, ScriptExpressions } from '@keystonehq/bc-ur-registry';
import { parseMultisigWallet, multisigAddress, isCosigner } from '../../shared/bitcoin/multisig';
import { initialState, transition, walletLine, type Event, type State, type WalletCheck } from '../../station/src/flows/register-multisig/machine';
import { walletTextOf } from '../../station/src/flows/register-multisig/wallet-text';
import { descriptorFromCryptoOutput } from '../../shared/ur/output-descriptor';
import { encodeBytesCbor } from '../../shared/ur/registry';
import { utf8ToBytes } from '../../shared/bytes';
import { runFlow } from './flow-step';
import { NET, descriptorOf, jsMultisig, ourRoot, other1 } from '../unit/bitcoin/fixtures';

const js = jsMultisig('p2wsh', true);
const run = (script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow<State, Event>(transition, initialState, script);

function check(ours: boolean): WalletCheck {
  const wallet = parseMultisigWallet(descriptorOf(js), NET);
  return { wallet, key: ours ? { keyId: 'k1', label: 'Test key', fingerprint: '73c5da0a' } : null, ourIndex: ours ? 0 : -1, firstAddress: multisigAddress(wallet, 0, 0, NET), alreadyRegistered: false };
}

/** The wallet as a coordinator's crypto-output: wsh(sortedmulti(2, hdkey, hdkey, hdkey)). */
function cryptoOutputCbor(): Uint8Array {
  const keys = js.keys.map(({ root, path }) => {
    const node = root.derivePath(path);
    const comps = path.slice(2).split('/').map((c) => new PathComponent({ index: parseInt(c, 10), hardened: c.endsWith("'") }));
    return new CryptoHDKey({
      isMaster: false, key: Buffer.from(node.publicKey), chainCode: Buffer.from(node.chainCode),
      origin: new CryptoKeypath(comps, Buffer.from(root.fingerprint), comps.length),
      parentFingerprint: Buffer.from(node.parentFingerprint.toString(16).padStart(8, '0'), 'hex'),
    });
  });
  const out = new CryptoOutput([ScriptExpressions.WITNESS_SCRIPT_HASH, ScriptExpressions.SORTED_MULTISIG], new MultiKey(2, keys));
  return new Uint8Array(out.toCBOR());
}

describe('register-multisig flow', () => {
  it('a wallet with our key as cosigner: confirm → saving → registered', () => {
    const c = check(true);
    expect(walletLine(c.wallet)).toBe('2-of-3 · native segwit multisig (P2WSH) · sortedmulti (BIP-67 key order)');
    run([
      { send: { type: 'scanned' } },
      { expect: 'reading' },
      { send: { type: 'read', check: c, text: descriptorOf(js) } },
      { expect: 'confirm' },
      { send: { type: 'saved' } },
      { expect: 'confirm' },
      { send: { type: 'confirm' } },
      { expect: 'saving' },
      { send: { type: 'saved' } },
      { expect: 'registered' },
    ]);
  });

  it('a wallet without our key is refused (multisig/not-cosigner) and never reaches saving', () => {
    run([
      { send: { type: 'scanned' } },
      { send: { type: 'read', check: check(false), text: descriptorOf(js) } },
      { expect: 'refused', where: (s) => s.step === 'refused' && expect(s.code).toBe('multisig/not-cosigner') },
      { send: { type: 'confirm' } },
      { expect: 'refused' },
    ]);
  });

  it('crypto-output (BCR-2020-010) converts to the same wallet as the text descriptor', () => {
    const fromOutput = parseMultisigWallet(descriptorFromCryptoOutput(cryptoOutputCbor(), NET), NET);
    const fromText = parseMultisigWallet(descriptorOf(js), NET);
    expect({ ...fromOutput, name: '' }).toEqual({ ...fromText, name: '' });
    expect(isCosigner(fromOutput, ourRoot(), NET)).toBe(true);
    expect(multisigAddress(fromOutput, 0, 0, NET)).toBe(multisigAddress(fromText, 0, 0, NET));
  });

  it('scanned items: ur:bytes text passes through, crypto-output is converted, a single-key output is refused', () => {
    const text = descriptorOf(js);
    const bytesItem = { kind: 'multisig' as const, payload: { kind: 'bytes' as const, urType: 'bytes' as const, bytes: utf8ToBytes(text), cbor: encodeBytesCbor(utf8ToBytes(text)) }, bytes: utf8ToBytes(text), sha256: '' };
    expect(walletTextOf(bytesItem, NET)).toBe(text);
    const cbor = cryptoOutputCbor();
    const outItem = { kind: 'multisig' as const, payload: { kind: 'output' as const, urType: 'crypto-output' as const, cbor }, bytes: cbor, sha256: '' };
    expect(walletTextOf(outItem, NET)).toMatch(/^wsh\(sortedmulti\(2,\[73c5da0a\/48'\/1'\/0'\/2'\]tpub/);
    const node = other1.derivePath("m/84'/1'/0'");
    const single = new CryptoOutput([ScriptExpressions.WITNESS_PUBLIC_KEY_HASH], new CryptoHDKey({ isMaster: false, key: Buffer.from(node.publicKey), chainCode: Buffer.from(node.chainCode) }));
    expect(() => descriptorFromCryptoOutput(new Uint8Array(single.toCBOR()), NET)).toThrow(expect.objectContaining({ code: 'multisig/unparseable' }));
  });
});

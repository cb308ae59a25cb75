/**
 * Keyring signing API used by the sign-psbt, sign-eth and register-multisig screens, against the
 * in-memory vault: key choice among several stored keys, registered multisig change, refusal of a
 * wallet we are not in, signatures validated by bitcoinjs-lib / ethers, and the encrypted audit log
 * (state/audit.ts) verifying with psbt-signed, multisig-registered and eth-signed entries and no secret.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Signature, Transaction as EthersTx } from 'ethers';
import { ETHSignature } from '@keystonehq/bc-ur-registry-eth';
import { MemoryStore } from '../../../shared/vault/memory-store';
import { MIN_KDF } from '../../../shared/vault/kdf';
import { verifyLog } from '../../../shared/audit/log';
import * as keyring from '../../../station/src/state/keyring';
import { readStationAudit } from '../../../station/src/state/audit';
import { THEIR_ADDRESS, bitcoin, buildPsbt, descriptorOf, jsMultisig, validator, MNEMONIC } from '../bitcoin/fixtures';
import { ADDR0, eip1559, txRequest } from '../ethereum/fixtures';

const OTHER = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const wallet = jsMultisig('p2wsh', true);
const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

async function stationWithKeys(): Promise<void> {
  const store = new MemoryStore();
  await keyring.initKeyring(store);
  await keyring.createVault('a long vault passphrase', { kdf: { ...MIN_KDF } });
  for (const [words, label] of [[OTHER, 'Other'], [MNEMONIC, 'Test key']]) {
    const r = keyring.importDraft(words, '');
    if (!r.ok) throw new Error(r.code);
    await keyring.saveDraft(label);
  }
}

afterEach(() => keyring.lock());

describe('keyring signing API', () => {
  it('multisig: unregistered change is unproven; after registering, change is verified; signature validates; audit log verifies', async () => {
    await stationWithKeys();
    const psbt = buildPsbt([{ kind: 'multi', wallet, value: 1_000_000n }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 600_000n }, { kind: 'multi-change', wallet, chain: 1, index: 0, value: 399_000n }]).toBuffer();

    const before = await keyring.reviewPsbtWithKeys(psbt, 'testnet');
    expect(before.key.label).toBe('Test key'); // the second stored key is the one with inputs to sign
    expect(before.review.outputs.map((o) => o.role)).toEqual(['payment', 'payment']);

    const check = await keyring.inspectMultisig(descriptorOf(wallet), 'testnet');
    expect([check.key?.label, check.ourIndex, check.alreadyRegistered]).toEqual(['Test key', 0, false]);
    await keyring.registerMultisig(descriptorOf(wallet), 'testnet');
    expect((await keyring.inspectMultisig(descriptorOf(wallet), 'testnet')).alreadyRegistered).toBe(true);

    const { key, review } = await keyring.reviewPsbtWithKeys(psbt, 'testnet');
    expect(review.outputs.map((o) => o.role)).toEqual(['payment', 'change']);
    const signed = await keyring.signPsbtWithKey(key.keyId, psbt, 'testnet', review);
    expect(signed.signedInputs).toEqual([0]);
    expect(bitcoin.Psbt.fromBuffer(Buffer.from(signed.psbt)).validateSignaturesOfInput(0, validator)).toBe(true);

    const res = await keyring.signEthWithKey(key.keyId, txRequest(eip1559()), (await keyring.reviewEthWithKeys(txRequest(eip1559()))).review);
    const sig = new Uint8Array(ETHSignature.fromCBOR(Buffer.from(res)).getSignature());
    expect(EthersTx.from({ ...eip1559(), signature: Signature.from({ r: hex(sig.slice(0, 32)), s: hex(sig.slice(32, 64)), yParity: sig[64] as 0 | 1 }) }).from).toBe(ADDR0);

    const text = await keyring.withVaultMeta((v) => readStationAudit(v));
    const v = verifyLog(text);
    expect(v.valid).toBe(true);
    const ours = ['multisig-registered', 'psbt-signed', 'eth-signed'];
    expect(v.verified[0].event).toBe('log-started');
    expect(v.verified.map((e) => e.event).filter((e) => ours.includes(e))).toEqual(ours);
    expect(v.verified.find((e) => e.event === 'psbt-signed')?.details).toMatchObject({ fee_sat: '1000', inputs: 1, network: 'testnet', fingerprint: '73c5da0a' });
    expect(text).not.toMatch(/abandon|legal winner/);
  });

  it('a wallet none of our keys is in is reported (key null) and registering it throws multisig/not-cosigner', async () => {
    await stationWithKeys();
    const foreign = { ...wallet, keys: wallet.keys.slice(1) }; // 2-of-2 of the two other cosigners
    const check = await keyring.inspectMultisig(descriptorOf(foreign), 'testnet');
    expect([check.key, check.ourIndex]).toEqual([null, -1]);
    await expect(keyring.registerMultisig(descriptorOf(foreign), 'testnet')).rejects.toMatchObject({ code: 'multisig/not-cosigner' });
    expect(await keyring.registeredMultisigWallets('testnet')).toEqual([]);
  });

  it('an ETH request naming another fingerprint is reviewed with the first key and refused', async () => {
    await stationWithKeys();
    const { review } = await keyring.reviewEthWithKeys(txRequest(eip1559(), { xfp: 'deadbeef' }));
    expect([review.canSign, review.refusal?.code]).toEqual([false, 'eth/wrong-fingerprint']);
  });
});

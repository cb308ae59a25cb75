/**
 * Multisig wallets on a Ledger, through the REAL @ledgerhq/ledger-bitcoin client, against the
 * SYNTHETIC device of synthetic-ledger.ts (speculos seed). First the synthetic device is held to
 * LedgerHQ's RECORDINGS (same wallet id + HMAC for the recorded "Cold storage" registration, same
 * signature bytes for the recorded sh-wpkh SIGN_PSBT session); then the station path: register a 2-of-2
 * (HMAC checked against SLIP-21 computed here), review → sign a PSBT built with bitcoinjs-lib, the
 * signature verified by bitcoinjs-lib + @noble/curves, change shown as change on the device;
 * unregistered wallet refused before the device; HMAC refused → 'register again' works; rejections.
 */
import { describe, expect, it } from 'vitest';
import * as bitcoin from 'bitcoinjs-lib';
import Transport from '@ledgerhq/hw-transport';
import { WalletPolicy } from '@ledgerhq/ledger-bitcoin';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { Transaction as EthTx } from 'micro-eth-signer';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { fromBase64, toHex, utf8ToBytes } from '../../../shared/bytes';
import { AppError } from '../../../shared/errors';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { multisigPolicy, planSigning, registerPolicy, runLedgerSignPsbt, signPsbtOnLedger, toLedgerPsbtV2 } from '../../../shared/ledger/btc';
import { ledgerCosignerIndex, registerMultisigOnLedger, withRegistration } from '../../../shared/ledger/multisig';
import { signEthRequestOnLedger } from '../../../shared/ledger/eth';
import { parseEthSignRequest } from '../../../shared/ethereum/request';
import { reviewEthRequest } from '../../../shared/ethereum/review';
import { DataType } from '@keystonehq/bc-ur-registry-eth';
import { buildRequest } from '../ethereum/fixtures';
import { SPECULOS_MNEMONIC, load } from './replay';
import { SyntheticLedger, type SyntheticLedgerOptions } from './synthetic-ledger';
import { MULTISIG_ACCOUNT, multisigFixture } from './multisig-fixture';

const testnet = NETWORKS.testnet;
const TPUB = { private: 0x04358394, public: 0x043587cf };
const OTHER = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const wp = load('btc-wallet-policy.json');
const sp = load('btc-sign-psbt.json');
const code = async (p: Promise<unknown>) => p.then(() => 'resolved', (e) => (e instanceof AppError ? e.code : `non-AppError ${String(e)}`));

class SyntheticTransport extends Transport {
  constructor(private dev: SyntheticLedger) {
    super();
  }
  override async exchange(apdu: Buffer): Promise<Buffer> {
    return Buffer.from(await this.dev.respond(apdu.toString('hex')), 'hex');
  }
}
const device = (o: Partial<SyntheticLedgerOptions> = {}) => {
  const dev = new SyntheticLedger({ mnemonic: SPECULOS_MNEMONIC, ...o });
  return { dev, t: new SyntheticTransport(dev) };
};

// Independent of the device code: SLIP-21 node "LEDGER-Wallet policy" from the seed, HMAC-SHA256 over the wallet id.
const seed = mnemonicToSeedSync(SPECULOS_MNEMONIC);
function slip21PolicyKey(): Uint8Array {
  let node = hmac(sha512, utf8ToBytes('Symmetric key seed'), seed);
  node = hmac(sha512, node.subarray(0, 32), new Uint8Array([0, ...utf8ToBytes('LEDGER-Wallet policy')]));
  return node.subarray(32, 64);
}

// The 2-of-2 wallet: the speculos seed (the Ledger) and another seed, BIP-48 P2WSH accounts.
const ledgerRoot = HDKey.fromMasterSeed(seed, TPUB);
const otherRoot = HDKey.fromMasterSeed(mnemonicToSeedSync(OTHER), TPUB);
const ACCT = MULTISIG_ACCOUNT;
// The fixture's wallet ([other, Ledger], "Family vault") and its bitcoinjs-lib PSBT spending the coin at
// 0/3, paying 60 000 sat out and change to 1/5.
const { wallet, psbt: multisigPsbt } = multisigFixture(SPECULOS_MNEMONIC, OTHER);
const hwKeys = { fingerprint: 'f5acc2fd', accounts: [{ path: ACCT, xpub: ledgerRoot.derive(ACCT).publicExtendedKey, scriptType: 'p2wsh-multi' as const }] };

describe('the synthetic device against LedgerHQ recordings', () => {
  it('btc-wallet-policy.json registerWallet "Cold storage": synthetic REGISTER_WALLET answers the RECORDED wallet id and HMAC', async () => {
    const r = wp.registerWallet;
    const { t } = device();
    const reg = await registerPolicy(t, testnet, { name: r.name, descriptorTemplate: r.descriptorTemplate, keys: r.keys }, 'd');
    expect([reg.walletId, reg.hmac]).toEqual([r.expected.walletId, r.expected.walletHmac]);
  });
  it('btc-sign-psbt.json#0 sh-wpkh-default: synthetic SIGN_PSBT (reading the PSBT through client commands) yields the RECORDED signature bytes', async () => {
    const c = sp.cases[0];
    const { t } = device();
    const sigs = await runLedgerSignPsbt(t, testnet, toLedgerPsbtV2(fromBase64(c.psbtV0)), { name: '', descriptorTemplate: c.policy.descriptorTemplate, keys: c.policy.keys }, null);
    expect(sigs.map((s) => [s.inputIndex, toHex(s.pubkey), toHex(s.signature)])).toEqual([[0, c.expected[0].pubkey, c.expected[0].signature]]);
  });
  it('eth.json eip1559-speculos-seed: synthetic Ethereum SIGN answers the RECORDED v, r, s', async () => {
    const c = load('eth.json').cases.find((x: { id: string }) => x.id === 'eip1559-speculos-seed');
    const dev = new SyntheticLedger({ mnemonic: SPECULOS_MNEMONIC, app: 'Ethereum' });
    const ans = await dev.respond(c.exchanges[0].slice(3));
    expect(ans).toBe(c.exchanges[1].slice(3));
  });
});

describe('multisig registration and signing through the Ledger (SYNTHETIC device, speculos seed)', () => {
  it('the Ledger is found among the cosigners by fingerprint and key', () => {
    expect(ledgerCosignerIndex(wallet, hwKeys, testnet)).toBe(1);
    expect(ledgerCosignerIndex({ ...wallet, cosigners: [wallet.cosigners[0]] }, hwKeys, testnet)).toBe(-1);
  });

  it('register: id = Ledger client WalletPolicy id, HMAC = HMAC-SHA256(SLIP-21 key computed here, id)', async () => {
    const { t } = device();
    const reg = await registerMultisigOnLedger(t, testnet, wallet, hwKeys);
    const p = multisigPolicy(wallet);
    expect(p.descriptorTemplate).toBe('wsh(sortedmulti(2,@0/**,@1/**))');
    const id = new WalletPolicy(p.name, p.descriptorTemplate, p.keys).getId();
    expect(reg.walletId).toBe(toHex(id));
    expect(reg.hmac).toBe(toHex(hmac(sha256, slip21PolicyKey(), id)));
  });

  it('sign: review → device → merged signature verifies (bitcoinjs-lib + @noble/curves); the device showed the change as change', async () => {
    const { dev, t } = device();
    const reg = await registerMultisigOnLedger(t, testnet, wallet, hwKeys);
    const psbt = multisigPsbt();
    const review = reviewPsbt(psbt, { network: testnet, keys: hwKeys, wallets: [wallet] });
    expect(review.inputs[0].ours).toBe(true);
    expect(review.outputs.map((o) => o.role)).toEqual(['payment', 'change']);
    const res = await signPsbtOnLedger(t, psbt, review, { ...hwKeys, registered: [reg] }, { network: testnet, wallets: [wallet] });
    expect(res.signedInputs).toEqual([0]);
    const signed = bitcoin.Psbt.fromBuffer(Buffer.from(res.psbt));
    const sigs = signed.data.inputs[0].partialSig!;
    expect(sigs.map((s) => toHex(s.pubkey))).toEqual([toHex(ledgerRoot.derive(`${ACCT}/0/3`).publicKey!)]);
    expect(signed.validateSignaturesOfInput(0, (pub, msg, sig) => secp256k1.verify(sig, msg, pub, { prehash: false, format: 'compact' }))).toBe(true);
    const tampered = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => secp256k1.verify(sig, msg.map((b, i) => (i === 0 ? b ^ 1 : b)), pub, { prehash: false, format: 'compact' });
    expect(signed.validateSignaturesOfInput(0, tampered)).toBe(false);
    expect(dev.shown).toEqual({ wallet: 'Family vault', outputs: [expect.objectContaining({ amount: 60_000n, change: false }), expect.objectContaining({ amount: 39_000n, change: true })] });
  });

  it('an unregistered wallet is refused before the device (ledger/not-registered names the wallet)', () => {
    const psbt = multisigPsbt();
    const review = reviewPsbt(psbt, { network: testnet, keys: hwKeys, wallets: [wallet] });
    const err = (() => { try { planSigning(psbt, review, { ...hwKeys, registered: [] }, [wallet], testnet); } catch (e) { return e; } })() as AppError;
    expect([err.code, err.detail?.wallet]).toEqual(['ledger/not-registered', 'Family vault']);
  });

  it('HMAC refused by the device (SYNTHETIC: a device keyed otherwise) → ledger/hmac-mismatch naming the wallet; registering again on it replaces the HMAC and signing works', async () => {
    const reg = await registerMultisigOnLedger(device().t, testnet, wallet, hwKeys);
    const { t } = device({ hmacLabel: 'another device' });
    const psbt = multisigPsbt();
    const review = reviewPsbt(psbt, { network: testnet, keys: hwKeys, wallets: [wallet] });
    const err = await signPsbtOnLedger(t, psbt, review, { ...hwKeys, registered: [reg] }, { network: testnet, wallets: [wallet] }).catch((e) => e);
    expect([err.code, err.detail?.wallet]).toEqual(['ledger/hmac-mismatch', 'Family vault']);
    const again = await registerMultisigOnLedger(t, testnet, wallet, hwKeys);
    expect(again.hmac).not.toBe(reg.hmac);
    const list = withRegistration([reg], again);
    expect(list.map((r) => r.hmac)).toEqual([again.hmac]);
    expect((await signPsbtOnLedger(t, psbt, review, { ...hwKeys, registered: list }, { network: testnet, wallets: [wallet] })).signedInputs).toEqual([0]);
  });

  it('user rejects the wallet on the device → ledger/rejected; a wallet without the Ledger is refused without any APDU', async () => {
    expect(await code(registerMultisigOnLedger(device({ user: 'reject' }).t, testnet, wallet, hwKeys))).toBe('ledger/rejected');
    const { dev, t } = device();
    expect(await code(registerMultisigOnLedger(t, testnet, { ...wallet, cosigners: [wallet.cosigners[0], { ...wallet.cosigners[0], xpub: otherRoot.derive("m/48'/1'/1'/2'").publicExtendedKey }] }, hwKeys))).toBe('multisig/not-cosigner');
    expect(dev.log).toEqual([]);
  });
});

describe('Ethereum through the SYNTHETIC device', () => {
  it('EIP-1559 request (bc-ur-registry-eth) → signature recovers to the speculos account; user rejects → ledger/rejected', async () => {
    const account = { fingerprint: 'f5acc2fd', path: "m/44'/60'/0'", xpub: HDKey.fromMasterSeed(seed).derive("m/44'/60'/0'").publicExtendedKey };
    const tx = EthTx.prepare({ to: '0xb2bb2b958afa2e96dab3f3ce7162b87daea39017', value: 10n ** 16n, nonce: 1n, maxFeePerGas: 30n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n, gasLimit: 21000n, chainId: 11155111n });
    const cbor = buildRequest(tx.toBytes({ includeSignature: false }), DataType.typedTransaction, { xfp: 'f5acc2fd', chainId: 11155111, address: '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D' });
    const review = reviewEthRequest(parseEthSignRequest(cbor), { account });
    expect(review.canSign).toBe(true);
    const dev = new SyntheticLedger({ mnemonic: SPECULOS_MNEMONIC, app: 'Ethereum' });
    const res = await signEthRequestOnLedger(new SyntheticTransport(dev), cbor, review, account);
    const signed = new EthTx('eip1559', { ...tx.raw, r: BigInt('0x' + toHex(res.signature.subarray(0, 32))), s: BigInt('0x' + toHex(res.signature.subarray(32, 64))), yParity: res.signature[64] } as never);
    expect(signed.sender.toLowerCase()).toBe('0xdad77910dbdfde764fc21fcd4e74d71bbaca6d8d');
    const rej = new SyntheticLedger({ mnemonic: SPECULOS_MNEMONIC, app: 'Ethereum', user: 'reject' });
    expect(await code(signEthRequestOnLedger(new SyntheticTransport(rej), cbor, review, account))).toBe('ledger/rejected');
  });
});

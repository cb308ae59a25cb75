/**
 * Test fixture: a 2-of-2 P2WSH sortedmulti wallet of the speculos seed (the Ledger) and another seed
 * (BIP-48 m/48'/1'/0'/2', testnet), and a PSBT built with bitcoinjs-lib spending its coin at 0/3:
 * 60 000 sat to an outside address, 39 000 sat change to 1/5 (derivations + witness script kept).
 */
import * as bitcoin from 'bitcoinjs-lib';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import type { MultisigWallet } from '../../../shared/bitcoin/multisig';

const TPUB = { private: 0x04358394, public: 0x043587cf };
export const MULTISIG_ACCOUNT = "m/48'/1'/0'/2'";
const fp = (r: HDKey) => (r.fingerprint >>> 0).toString(16).padStart(8, '0');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function multisigFixture(ledgerMnemonic: string, otherMnemonic: string, name = 'Family vault') {
  const ledger = HDKey.fromMasterSeed(mnemonicToSeedSync(ledgerMnemonic), TPUB);
  const other = HDKey.fromMasterSeed(mnemonicToSeedSync(otherMnemonic), TPUB);
  const roots = [other, ledger];
  const wallet: MultisigWallet = {
    name, threshold: 2, scriptType: 'p2wsh', sorted: true,
    cosigners: roots.map((r) => ({ fingerprint: fp(r), path: MULTISIG_ACCOUNT, xpub: r.derive(MULTISIG_ACCOUNT).publicExtendedKey })),
  };
  const net = bitcoin.networks.testnet;
  const at = (chain: number, index: number) => {
    const path = `${MULTISIG_ACCOUNT}/${chain}/${index}`;
    const pubkeys = roots.map((r) => r.derive(path).publicKey!).sort((a, b) => (hex(a) < hex(b) ? -1 : 1));
    const p = bitcoin.payments.p2wsh({ redeem: bitcoin.payments.p2ms({ m: 2, pubkeys, network: net }), network: net });
    return { script: p.output!, witnessScript: p.redeem!.output!, ders: roots.map((r) => ({ masterFingerprint: Buffer.from(fp(r), 'hex'), pubkey: r.derive(path).publicKey!, path })) };
  };
  const psbt = (): Uint8Array => {
    const coin = at(0, 3);
    const prev = new bitcoin.Transaction();
    prev.addInput(new Uint8Array(32).fill(7), 0);
    prev.addOutput(coin.script, 100_000n);
    const change = at(1, 5);
    const p = new bitcoin.Psbt({ network: net });
    p.addInput({ hash: prev.getId(), index: 0, sequence: 0xfffffffd, nonWitnessUtxo: prev.toBuffer(), witnessUtxo: { script: coin.script, value: 100_000n }, witnessScript: coin.witnessScript, bip32Derivation: coin.ders });
    p.addOutput({ script: bitcoin.payments.p2wpkh({ pubkey: other.derive("m/84'/1'/0'/0/0").publicKey!, network: net }).output!, value: 60_000n });
    p.addOutput({ script: change.script, value: 39_000n, witnessScript: change.witnessScript, bip32Derivation: change.ders });
    return p.toBuffer();
  };
  return { wallet, psbt, ledgerKeyAt: (path: string) => ledger.derive(path).publicKey! };
}

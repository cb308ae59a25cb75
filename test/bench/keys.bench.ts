/**
 * Key lifecycle timings: vault unlock with the chosen Argon2id parameters (and the enforced minimum),
 * BIP-39 mnemonic→seed (PBKDF2-HMAC-SHA512 × 2048), standard account derivation, and a reference
 * (bitcoinjs bip32 + @bitcoinerlab/secp256k1 for the same five account xpubs) in the same run.
 */
import { BIP32Factory } from 'bip32';
import * as ecc from '@bitcoinerlab/secp256k1';
import { Vault } from '../../shared/vault/vault';
import { MemoryStore } from '../../shared/vault/memory-store';
import { DEFAULT_KDF, MIN_KDF, type KdfParams } from '../../shared/vault/kdf';
import { validateMnemonic } from '../../shared/keys/mnemonic';
import { rootFromSeed, seedFromEntropy } from '../../shared/keys/hd';
import { deriveEthAccount, deriveStandardAccounts } from '../../shared/keys/accounts';
import { NETWORKS } from '../../shared/bitcoin/networks';
import { fmtMs, measure, printTable } from './util';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const PASS = 'bench vault passphrase';

async function unlockRow(name: string, kdf: KdfParams) {
  const store = new MemoryStore();
  await Vault.create(store, PASS, 0, { kdf });
  const s = await measure(async () => (await Vault.unlock(store, PASS)).lock(), 5, 0);
  return [name, `argon2id m=${kdf.m} KiB (${(kdf.m / 1024).toFixed(0)} MiB) t=${kdf.t} p=${kdf.p}`, s.runs, fmtMs(s.medianMs), fmtMs(s.p95Ms)];
}

export async function run(): Promise<void> {
  const rows: (string | number)[][] = [['operation', 'parameters', 'runs', 'median ms', 'p95 ms']];
  rows.push(await unlockRow('vault unlock (chosen)', DEFAULT_KDF));
  rows.push(await unlockRow('vault unlock (minimum)', MIN_KDF));

  const check = validateMnemonic(MNEMONIC);
  if (!check.ok) throw new Error('vector mnemonic rejected');
  const entropy = check.entropy;
  const pb = await measure(() => seedFromEntropy(entropy, 'TREZOR').wipe(), 10, 1);
  rows.push(['mnemonic → seed', 'PBKDF2-HMAC-SHA512 × 2048 (@scure/bip39)', pb.runs, fmtMs(pb.medianMs), fmtMs(pb.p95Ms)]);

  const seed = seedFromEntropy(entropy, '');
  const seedBytes = seed.use((b) => b.slice());
  const acc = await measure(() => {
    const root = rootFromSeed(seed);
    deriveStandardAccounts(root, NETWORKS.mainnet);
    root.wipePrivateData();
  }, 10, 1);
  rows.push(['deriveStandardAccounts', '5 accounts + 4 first addresses + descriptors (@scure/bip32)', acc.runs, fmtMs(acc.medianMs), fmtMs(acc.p95Ms)]);
  const eth = await measure(() => {
    const root = rootFromSeed(seed);
    deriveEthAccount(root);
    root.wipePrivateData();
  }, 10, 1);
  rows.push(['deriveEthAccount', "m/44'/60'/0' + EIP-55 address", eth.runs, fmtMs(eth.medianMs), fmtMs(eth.p95Ms)]);

  const bip32 = BIP32Factory(ecc);
  const paths = ["m/44'/0'/0'", "m/49'/0'/0'", "m/84'/0'/0'", "m/86'/0'/0'", "m/48'/0'/0'/2'"];
  const ref = await measure(() => {
    const root = bip32.fromSeed(seedBytes);
    for (const p of paths) root.derivePath(p).neutered().toBase58();
  }, 10, 1);
  rows.push(['reference: bitcoinjs bip32', '5 account xpubs (no addresses)', ref.runs, fmtMs(ref.medianMs), fmtMs(ref.p95Ms)]);
  seed.wipe();
  entropy.wipe();
  printTable('Key lifecycle (shared/keys, shared/vault)', rows);
}

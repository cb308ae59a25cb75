/**
 * Companion pairing and guards: the station's exports (crypto-account, crypto-hdkey for Ethereum and
 * BTC, crypto-output, descriptors) become the right watch-only accounts; secrets pasted anywhere are
 * refused; settings survive corrupt storage; the EVM client maps JSON-RPC answers and errors (fake fetch);
 * the account store persists accounts and cached snapshots (memory implementation).
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Buffer } from 'buffer';
import { CryptoOutput } from '@keystonehq/bc-ur-registry';
import { AppError } from '../../../shared/errors';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { deriveStandardAccounts, deriveAccount } from '../../../shared/keys/accounts';
import { encodeCryptoAccountUr, encodeCryptoAccountCbor, encodeEthHdkeyUr } from '../../../shared/ur/account-export';
import { singleSigDescriptor } from '../../../shared/bitcoin/descriptor';
import { encodeSinglePart } from '../../../shared/ur/bcur-adapter';
import { decodeToDataItem } from '@keystonehq/bc-ur-registry';
import { ethAccountKey } from '../../../shared/ethereum/account-export';
import { draftsFromText, draftId } from '../../../companion/src/watch/import';
import { detectSecret } from '../../../companion/src/watch/secrets';
import { parseSettings, DEFAULT_SETTINGS } from '../../../companion/src/state/settings';
import { createEvmClient } from '../../../companion/src/net/evm';
import { memoryStore } from '../../../companion/src/watch/store';
import { waitForReceipt } from '../../../companion/src/flows/broadcast/broadcast';
import type { FetchFn } from '../../../companion/src/net/types';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : `crash:${String(e)}`;
  }
}

describe('pairing input → watch-only accounts', () => {
  it('crypto-account (mainnet, 5 outputs): the 4 single-sig accounts with origin; multisig key skipped', () => {
    const accts = deriveStandardAccounts(root, NETWORKS.mainnet);
    const ur = encodeCryptoAccountUr(accts[0].fingerprint, accts.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), 'mainnet');
    const drafts = draftsFromText(ur, 'mainnet');
    expect(drafts.map((d) => (d.kind === 'btc' ? d.scriptType : d.kind)).sort()).toEqual(['p2pkh', 'p2sh-p2wpkh', 'p2tr', 'p2wpkh']);
    const bip84 = drafts.find((d) => d.kind === 'btc' && d.scriptType === 'p2wpkh');
    expect(bip84).toMatchObject({ fingerprint: '73c5da0a', path: "m/84'/0'/0'", xpub: accts.find((a) => a.scriptType === 'p2wpkh')!.xpub });
    expect(codeOf(() => draftsFromText(ur, 'regtest')), 'mainnet key on regtest').toBe('keys/wrong-network');
  });

  it('crypto-hdkey m/44\'/60\'/0\' → Ethereum account with address path and fingerprint (MetaMask shape)', () => {
    const k = ethAccountKey(root);
    const [d] = draftsFromText(encodeEthHdkeyUr(k.fingerprint, k.xpub), 'mainnet');
    expect(d).toMatchObject({ kind: 'eth', address: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94', fingerprint: '73c5da0a', addressPath: "m/44'/60'/0'/0/0" });
  });

  it('crypto-output and descriptor (with checksum) of the regtest BIP-84 account', () => {
    const a = deriveAccount(root, NETWORKS.regtest, 'p2wpkh');
    const acctCbor = encodeCryptoAccountCbor(a.fingerprint, [{ path: a.path, scriptType: 'p2wpkh', xpub: a.xpub }], 'regtest');
    // take the output item out of the crypto-account and send it alone as crypto-output
    const outItem = (decodeToDataItem(Buffer.from(acctCbor)).getData() as Record<number, unknown[]>)[2][0];
    const outCbor = CryptoOutput.fromDataItem(outItem as never).toCBOR();
    const fromOutput = draftsFromText(encodeSinglePart('crypto-output', new Uint8Array(outCbor)), 'regtest');
    const desc = singleSigDescriptor('p2wpkh', a.fingerprint, a.path, a.xpub);
    const fromDesc = draftsFromText(desc, 'regtest');
    expect(fromOutput.map(draftId)).toEqual([`btc:regtest:73c5da0a:m/84'/1'/0'`]);
    expect(fromDesc.map(draftId)).toEqual(fromOutput.map(draftId));
    expect(codeOf(() => draftsFromText(desc.slice(0, -1) + (desc.endsWith('a') ? 'b' : 'a'), 'regtest'))).toBe('descriptor/bad-checksum');
    expect(codeOf(() => draftsFromText(a.xpub, 'regtest')), 'bare xpub has no origin').toBe('wallet/unsupported-account');
  });
});

describe('secrets are refused wherever pasted', () => {
  const xprv = root.derive("m/84'/0'/0'").privateExtendedKey;
  const cases: [string, string][] = [
    [MNEMONIC, 'mnemonic'],
    [MNEMONIC.split(' ').map((w, i) => `${i + 1}. ${w}`).join('\n'), 'mnemonic'],
    [xprv, 'xprv'],
    [`wpkh([73c5da0a/84h/0h/0h]${xprv}/<0;1>/*)`, 'xprv'],
    ['KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn', 'wif'],
    ['0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318', 'hex-key'],
  ];
  for (const [text, kind] of cases) {
    it(`${kind}: detected and refused by the importer (${text.slice(0, 12)}…)`, () => {
      expect(detectSecret(text)).toBe(kind);
      expect(codeOf(() => draftsFromText(text, 'mainnet'))).toBe('wallet/secret-refused');
    });
  }
  it('public data is not mistaken for a secret', () => {
    const a = deriveAccount(root, NETWORKS.mainnet, 'p2wpkh');
    for (const t of [a.xpub, 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', '0x9858EfFD232B4033E47d90003D41EC34EcaEda94', 'abandon ability able', '0.015']) {
      expect(detectSecret(t), t).toBeUndefined();
    }
  });
});

describe('settings, store, EVM client', () => {
  it('settings: corrupt or hostile JSON falls back to defaults field by field', () => {
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    const s = parseSettings(JSON.stringify({ btcNetwork: 'regtest', esplora: { regtest: 'http://127.0.0.1:9' }, gapLimit: -3, evmChainId: 999 }));
    expect(s.btcNetwork).toBe('regtest');
    expect(s.esplora.regtest).toBe('http://127.0.0.1:9');
    expect(s.esplora.mainnet).toBe('https://blockstream.info/api');
    expect(s.gapLimit).toBe(20);
    expect(s.evmChainId).toBe(1);
  });

  it('memory store: accounts and cached snapshots (bigint) round-trip; remove drops the cache', async () => {
    const st = memoryStore();
    await st.putAccount({ kind: 'eth', id: 'e1', label: 'E', address: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94', tokens: [] });
    await st.putCache('snapshot:e1', { balanceWei: 5n });
    expect((await st.getCache<{ balanceWei: bigint }>('snapshot:e1'))?.balanceWei).toBe(5n);
    await st.deleteAccount('e1');
    expect(await st.listAccounts()).toEqual([]);
    expect(await st.getCache('snapshot:e1')).toBeUndefined();
  });

  it('EVM client: quantities parsed, node error on broadcast becomes broadcast-rejected with its reason, receipts polled', async () => {
    const calls: string[] = [];
    let receiptPolls = 0;
    const fake: FetchFn = async (_u, init) => {
      const { method, id } = JSON.parse(init!.body!) as { method: string; id: number };
      calls.push(method);
      const ok = (result: unknown) => ({ ok: true, status: 200, text: async () => JSON.stringify({ jsonrpc: '2.0', id, result }) });
      switch (method) {
        case 'eth_getBalance': return ok('0xde0b6b3a7640000');
        case 'eth_feeHistory': return ok({ baseFeePerGas: ['0x1', '0x3b9aca00'] });
        case 'eth_maxPriorityFeePerGas': return { ok: true, status: 200, text: async () => JSON.stringify({ id, error: { code: -32601, message: 'method not found' } }) };
        case 'eth_sendRawTransaction': return { ok: true, status: 200, text: async () => JSON.stringify({ id, error: { code: -32000, message: 'nonce too low' } }) };
        case 'eth_getTransactionReceipt': return ok(++receiptPolls < 3 ? null : { status: '0x1', blockNumber: '0x10', gasUsed: '0x5208', effectiveGasPrice: '0x1' });
        default: return ok('0x0');
      }
    };
    const evm = createEvmClient('http://127.0.0.1:1', fake);
    expect(await evm.balance('0x9858EfFD232B4033E47d90003D41EC34EcaEda94')).toBe(10n ** 18n);
    expect(await evm.feeData()).toEqual({ baseFeeWei: 10n ** 9n, maxPriorityFeePerGasWei: 10n ** 9n });
    const e = await evm.sendRaw('0x02').catch((x) => x);
    expect(e.code).toBe('net/broadcast-rejected');
    expect(e.detail.reason).toBe('nonce too low');
    const r = await waitForReceipt(evm, '0x' + '11'.repeat(32), { sleep: async () => undefined });
    expect(r).toEqual({ status: 'success', blockNumber: 16n, gasUsed: 21000n, effectiveGasPriceWei: 1n });
    expect(receiptPolls).toBe(3);
  });
});

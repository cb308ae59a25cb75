/**
 * Companion Ethereum send preparation (companion/src/flows/build-eth-tx/prepare.ts) against a fake
 * EvmBackend: EIP-1559 fields from the node's fee data (maxFee = 2 × base fee + tip), gas headroom for
 * token calls, the request the station parses, insufficient funds, view-only addresses refused.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { AppError } from '../../../shared/errors';
import { ethAccountKey } from '../../../shared/ethereum/account-export';
import { parseEthSignRequest } from '../../../shared/ethereum/request';
import { prepareEthSend } from '../../../companion/src/flows/build-eth-tx/prepare';
import { syncEthAccount } from '../../../companion/src/watch/eth-sync';
import { draftsFromText } from '../../../companion/src/watch/import';
import { encodeEthHdkeyUr } from '../../../shared/ur/account-export';
import type { EvmBackend } from '../../../companion/src/net/types';
import type { EthWatchAccount } from '../../../companion/src/watch/types';

const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
const k = ethAccountKey(root);
const draft = draftsFromText(encodeEthHdkeyUr(k.fingerprint, k.xpub), 'mainnet')[0] as Omit<EthWatchAccount, 'id' | 'label'>;
const account: EthWatchAccount = { ...draft, id: 'eth', label: 'ETH' };
const TO = '0x8ba1f109551bD432803012645Ac136ddd64DBA72';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const GWEI = 10n ** 9n;

function fake(balance: bigint, calls: string[] = []): EvmBackend {
  return {
    host: 'fake',
    chainId: async () => 31337n,
    balance: async () => balance,
    nonce: async () => 4n,
    feeData: async () => ({ baseFeeWei: 7n * GWEI, maxPriorityFeePerGasWei: 2n * GWEI }),
    estimateGas: async (tx) => (calls.push(`estimate:${tx.data ? 'data' : 'plain'}`), tx.data ? 50_000n : 21_000n),
    call: async (_to, data) => {
      const sel = Buffer.from(data.subarray(0, 4)).toString('hex');
      const word = (n: bigint) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));
      if (sel === '313ce567') return word(6n); // decimals
      if (sel === '70a08231') return word(123_000_000n); // balanceOf
      // symbol(): ABI string "USDT"
      return Uint8Array.from(Buffer.concat([Buffer.from(word(32n)), Buffer.from(word(4n)), Buffer.from('USDT'.padEnd(32, '\0'))]));
    },
    sendRaw: async () => '0x',
    receipt: async () => null,
  };
}

describe('prepareEthSend', () => {
  it('ETH: nonce, 2×base+tip, exact gas; the station parses the request for our path/fingerprint/address', async () => {
    const p = await prepareEthSend(account, fake(10n ** 18n), { to: TO, amount: 10n ** 17n }, new Uint8Array(16).fill(1));
    expect(p.maxFeePerGasWei).toBe(16n * GWEI);
    expect(p.maxPriorityFeePerGasWei).toBe(2n * GWEI);
    expect(p.gasLimit).toBe(21_000n);
    expect(p.maxFeeWei).toBe(21_000n * 16n * GWEI);
    const r = parseEthSignRequest(p.requestCbor);
    if (r.kind !== 'eip1559') throw new Error(r.kind);
    expect(r.path).toBe("m/44'/60'/0'/0/0");
    expect(r.sourceFingerprint).toBe('73c5da0a');
    expect(r.address).toBe(account.address);
    expect(r.tx.raw.nonce).toBe(4n);
    expect(r.tx.raw.chainId).toBe(31337n);
  });

  it('ERC-20: value 0 to the contract, transfer calldata, 20 % gas headroom; token facts by eth_call', async () => {
    const calls: string[] = [];
    const p = await prepareEthSend(account, fake(10n ** 18n, calls), { to: TO, amount: 5_000_000n, token: { address: TOKEN, decimals: 6, symbol: 'USDT' } });
    expect(p.valueWei).toBe(0n);
    expect(p.txTo).toBe(TOKEN);
    expect(p.gasLimit).toBe(60_000n);
    expect(calls).toEqual(['estimate:data']);
    const snap = await syncEthAccount({ ...account, tokens: [TOKEN] }, fake(5n), 0);
    expect(snap.tokens).toEqual([{ address: TOKEN, decimals: 6, symbol: 'USDT', balance: 123_000_000n }]);
  });

  it('insufficient funds names both amounts; a bare address (no path) cannot send', async () => {
    const e = await prepareEthSend(account, fake(10n ** 15n), { to: TO, amount: 10n ** 15n }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('wallet/insufficient-funds');
    expect(e.detail.available).toBe(String(10n ** 15n));
    const viewOnly = { ...account, addressPath: undefined, fingerprint: undefined };
    expect((await prepareEthSend(viewOnly, fake(10n ** 18n), { to: TO, amount: 1n }).catch((x) => x)).code).toBe('wallet/unsupported-account');
  });
});

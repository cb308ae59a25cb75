/**
 * shared/ledger/eth.ts against LedgerHQ's recorded Ethereum-app sessions (test/vectors/ledger/eth.json)
 * replayed through the real @ledgerhq/hw-app-eth with no network (calServiceURL null, resolution null):
 * exact recorded results, the full EIP-4527 path (review → device → signer recovered → eth-signature),
 * and a device holding ANOTHER seed caught by the recovery check. Error sessions are SYNTHETIC.
 */
import { describe, expect, it } from 'vitest';
import Eth from '@ledgerhq/hw-app-eth';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { DataType, ETHSignature } from '@keystonehq/bc-ur-registry-eth';
import { AppError } from '../../../shared/errors';
import { fromHex, toHex } from '../../../shared/bytes';
import { parseEthSignRequest } from '../../../shared/ethereum/request';
import { reviewEthRequest } from '../../../shared/ethereum/review';
import { checkEthApp, signEthRequestOnLedger } from '../../../shared/ledger/eth';
import { buildRequest } from '../ethereum/fixtures';
import { SPECULOS_MNEMONIC, load, replayer, syntheticStatusAt, unplugAfter } from './replay';

const F = 'eth.json';
const v = load(F);
const byId = (id: string) => v.cases.find((c: { id: string }) => c.id === id);
const code = async (p: Promise<unknown>) => p.then(() => 'resolved', (e) => (e instanceof AppError ? e.code : `non-AppError ${String(e)}`));

// The speculos seed's m/44'/60'/0' account, derived here (not by Ledger code).
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(SPECULOS_MNEMONIC));
const FP = 'f5acc2fd';
const account = { fingerprint: FP, path: "m/44'/60'/0'", xpub: root.derive("m/44'/60'/0'").publicExtendedKey };

function requestFor(c: { call: { rawTxHex: string }; tx: { chainId: number } }): Uint8Array {
  return buildRequest(fromHex(c.call.rawTxHex), DataType.typedTransaction, { xfp: FP, chainId: c.tx.chainId, address: '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D' });
}

describe(`${F}: recorded exchanges through hw-app-eth, exact results`, () => {
  for (const [i, c] of v.cases.entries()) {
    it(`${F}#${i} ${c.id}`, async () => {
      const eth = new Eth(await replayer(c.exchanges), undefined, { calServiceURL: null } as never);
      if (c.call.method === 'signTransaction') expect(await eth.signTransaction(c.call.path, c.call.rawTxHex, null)).toEqual(c.expected);
      else if (c.call.method === 'getAddress') {
        const r = await eth.getAddress(c.call.path, c.call.boolDisplay, c.call.boolChaincode, c.call.chainId?.toString());
        expect({ address: r.address, publicKey: r.publicKey }).toEqual(c.expected);
      } else {
        const r = await eth.signEIP712Message(c.call.path, c.message, c.call.fullImplem);
        expect({ v: r.v, r: r.r, s: r.s }).toEqual({ v: c.expected.v, r: c.expected.r, s: c.expected.s });
      }
    });
  }
});

describe('signEthRequestOnLedger: the station path', () => {
  it(`${F} eip1559-speculos-seed: review → device → signature recovers to OUR address → eth-signature r‖s‖v(0)`, async () => {
    const c = byId('eip1559-speculos-seed');
    const cbor = requestFor(c);
    const review = reviewEthRequest(parseEthSignRequest(cbor), { account });
    expect(review.canSign).toBe(true);
    const res = await signEthRequestOnLedger(await replayer(c.exchanges), cbor, review, account);
    expect(toHex(res.signature)).toBe(c.expected.r + c.expected.s + '00');
    const decoded = ETHSignature.fromCBOR(Buffer.from(res.cbor));
    expect(toHex(new Uint8Array(decoded.getSignature()))).toBe(toHex(res.signature));
    expect(res.hashKind).toBe('tx-hash');
  });

  it(`${F} eip1559-dev-seed: a device with ANOTHER seed is caught (ledger/bad-signature), nothing returned`, async () => {
    const c = byId('eip1559-dev-seed');
    const cbor = buildRequest(fromHex(c.call.rawTxHex), DataType.typedTransaction, { xfp: FP, chainId: 1, address: '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D' });
    const review = reviewEthRequest(parseEthSignRequest(cbor), { account });
    expect(await code(signEthRequestOnLedger(await replayer(c.exchanges), cbor, review, account))).toBe('ledger/bad-signature');
  });

  it(`${F} eip712-mail-address-array: typed data replays; signer is not our seed → ledger/bad-signature`, async () => {
    const c = byId('eip712-mail-address-array');
    const cbor = buildRequest(Buffer.from(JSON.stringify(c.message)), DataType.typedData, { xfp: FP, chainId: 1284, address: '0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D' });
    const review = reviewEthRequest(parseEthSignRequest(cbor), { account });
    expect(review.canSign).toBe(true);
    expect(await code(signEthRequestOnLedger(await replayer(c.exchanges), cbor, review, account))).toBe('ledger/bad-signature');
  });

  it('a review that differs from the request is refused before the device is asked', async () => {
    const c = byId('eip1559-speculos-seed');
    const cbor = requestFor(c);
    const review = { ...reviewEthRequest(parseEthSignRequest(cbor), { account }), valueWei: 1n };
    expect(await code(signEthRequestOnLedger(await replayer([]), cbor, review, account))).toBe('eth/review-changed');
  });

  const c = byId('eip1559-speculos-seed');
  const cases: [string, string, string][] = [['6985', 'ledger/rejected', 'user rejects'], ['5515', 'ledger/locked', 'locked'], ['6e00', 'ledger/wrong-app', 'wrong app']];
  for (const [sw, want, what] of cases) {
    it(`SYNTHETIC: ${what} (0x${sw}) → ${want}`, async () => {
      const cbor = requestFor(c);
      const review = reviewEthRequest(parseEthSignRequest(cbor), { account });
      expect(await code(signEthRequestOnLedger(await replayer(syntheticStatusAt(c.exchanges, 0, sw)), cbor, review, account))).toBe(want);
    });
  }
  it('unplugged before the answer → ledger/disconnected', async () => {
    const cbor = requestFor(c);
    const review = reviewEthRequest(parseEthSignRequest(cbor), { account });
    expect(await code(signEthRequestOnLedger(unplugAfter(await replayer(c.exchanges), 0), cbor, review, account))).toBe('ledger/disconnected');
  });
});

describe('checkEthApp (SYNTHETIC GET_APP_AND_VERSION answers in the recorded layout)', () => {
  const answer = (name: string, ver: string) => `<= 01${name.length.toString(16).padStart(2, '0')}${Buffer.from(name).toString('hex')}${ver.length.toString(16).padStart(2, '0')}${Buffer.from(ver).toString('hex')}01009000`;
  it(`${F} eip712 case's recorded "Ethereum 1.0.0" answer is too old`, async () => {
    const rec = byId('eip712-mail-address-array').exchanges.slice(0, 2);
    expect(await code(checkEthApp(await replayer(rec)))).toBe('ledger/app-too-old');
  });
  it('Ethereum 1.13.1 passes; Bitcoin open → ledger/wrong-app', async () => {
    expect((await checkEthApp(await replayer(['=> b001000000', answer('Ethereum', '1.13.1')]))).version).toBe('1.13.1');
    expect(await code(checkEthApp(await replayer(['=> b001000000', answer('Bitcoin', '2.2.3')])))).toBe('ledger/wrong-app');
  });
});

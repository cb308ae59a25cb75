/**
 * EIP-4527 signing cost: parse + review + sign per data type (median), a ~50 KB EIP-712 message,
 * and ethers v6 signing the same payload where it applies (wallet.signTransaction / signMessage /
 * signTypedData with the same key) for comparison.
 */
import { Wallet } from 'ethers';
import { parseEthSignRequest } from '../../shared/ethereum/request';
import { reviewEthRequest } from '../../shared/ethereum/review';
import { signEthRequest } from '../../shared/ethereum/sign';
import { eip1559, messageRequest, testRoot, txRequest, typedDataRequest, MNEMONIC } from '../unit/ethereum/fixtures';
import { fmtMs, measure, printTable } from './util';

const MAIL_TYPES = {
  Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
  Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person' }, { name: 'contents', type: 'string' }],
};
const DOMAIN = { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' };
const EIP712_DOMAIN = [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }];

function mail(contents: string) {
  return { types: { EIP712Domain: EIP712_DOMAIN, ...MAIL_TYPES }, primaryType: 'Mail', domain: DOMAIN, message: { from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' }, to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' }, contents } };
}
/** ~50 KB of typed data: an array of 400 structs (exercises the tree walk and hashing, not one long string). */
function bigTyped() {
  const types = { EIP712Domain: EIP712_DOMAIN, Item: [{ name: 'id', type: 'uint256' }, { name: 'owner', type: 'address' }, { name: 'note', type: 'string' }], Batch: [{ name: 'items', type: 'Item[]' }] };
  const items = Array.from({ length: 400 }, (_, i) => ({ id: String(i), owner: '0x' + (i + 1).toString(16).padStart(40, '0'), note: 'n'.repeat(40) }));
  return { types, primaryType: 'Batch', domain: DOMAIN, message: { items } };
}

export async function run(): Promise<void> {
  const root = testRoot();
  const wallet = Wallet.fromPhrase(MNEMONIC);
  const tx1559 = eip1559();
  const txLegacy = { type: 0, chainId: 1, nonce: 1, gasPrice: 20_000_000_000n, gasLimit: 21000n, to: tx1559.to, value: 1n };
  const tx2930 = { type: 1, chainId: 1, nonce: 1, gasPrice: 20_000_000_000n, gasLimit: 30000n, to: tx1559.to, value: 1n, accessList: [] };
  const big = bigTyped();
  const cases: { name: string; cbor: Uint8Array; ethers?: () => Promise<unknown> }[] = [
    { name: 'legacy tx (EIP-155)', cbor: txRequest(txLegacy), ethers: () => wallet.signTransaction(txLegacy) },
    { name: 'EIP-2930 tx', cbor: txRequest(tx2930), ethers: () => wallet.signTransaction(tx2930) },
    { name: 'EIP-1559 tx', cbor: txRequest(tx1559), ethers: () => wallet.signTransaction(tx1559) },
    { name: 'personal message (60 B)', cbor: messageRequest('x'.repeat(60)), ethers: () => wallet.signMessage('x'.repeat(60)) },
    { name: 'EIP-712 Mail', cbor: typedDataRequest(mail('Hello, Bob!')), ethers: () => wallet.signTypedData(DOMAIN, MAIL_TYPES, mail('Hello, Bob!').message) },
    {
      name: `EIP-712 ~${Math.round(JSON.stringify(big).length / 1000)} KB (400 structs)`,
      cbor: typedDataRequest(big),
      ethers: () => wallet.signTypedData(DOMAIN, { Item: big.types.Item, Batch: big.types.Batch }, big.message),
    },
    { name: 'EIP-712 ~50 KB string', cbor: typedDataRequest(mail('y'.repeat(50_000))), ethers: () => wallet.signTypedData(DOMAIN, MAIL_TYPES, mail('y'.repeat(50_000)).message) },
  ];
  const rows: (string | number)[][] = [['request', 'CBOR bytes', 'parse ms', 'review ms', 'sign (re-review+sign) ms', 'total ms', 'ethers sign ms']];
  for (const c of cases) {
    const p = await measure(() => parseEthSignRequest(c.cbor), 15, 2);
    const req = parseEthSignRequest(c.cbor);
    const rv = await measure(() => reviewEthRequest(req, { root }), 15, 2);
    const review = reviewEthRequest(req, { root });
    const sg = await measure(() => signEthRequest(c.cbor, root, review), 15, 2);
    const total = await measure(() => signEthRequest(c.cbor, root, reviewEthRequest(parseEthSignRequest(c.cbor), { root })), 15, 2);
    const e = c.ethers ? await measure(c.ethers, 15, 2) : undefined;
    rows.push([c.name, c.cbor.length, fmtMs(p.medianMs), fmtMs(rv.medianMs), fmtMs(sg.medianMs), fmtMs(total.medianMs), e ? fmtMs(e.medianMs) : '-']);
  }
  printTable('eth: parse + review + sign per request (median of 15)', rows);
}

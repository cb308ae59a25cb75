import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Interface } from 'ethers';
import { parseEthSignRequest } from '../../../shared/ethereum/request';
import { reviewEthRequest, type EthReview } from '../../../shared/ethereum/review';
import { ethAccountAddresses, ethAccountKey, ethAddressAt } from '../../../shared/ethereum/account-export';
import { ADDR0, ADDR1, MAX_UINT, SPENDER, TOKEN, eip1559, messageRequest, testRoot, txRequest, typedDataRequest } from './fixtures';

const root = testRoot();
const review = (cbor: Uint8Array): EthReview => reviewEthRequest(parseEthSignRequest(cbor), { root });
const codes = (r: EthReview) => r.warnings.map((w) => w.code);
const call = (data: string, over = {}) => review(txRequest(eip1559({ to: TOKEN, value: 0n, gasLimit: 80000n, data, ...over })));
const erc20 = new Interface(['function transfer(address to,uint256 amount)', 'function approve(address spender,uint256 amount)', 'function transferFrom(address from,address to,uint256 amount)', 'function increaseAllowance(address spender,uint256 addedValue)']);
const erc721 = new Interface(['function safeTransferFrom(address from,address to,uint256 tokenId)', 'function safeTransferFrom(address from,address to,uint256 tokenId,bytes data)', 'function setApprovalForAll(address operator,bool approved)']);
const erc1155 = new Interface(['function safeTransferFrom(address from,address to,uint256 id,uint256 amount,bytes data)', 'function safeBatchTransferFrom(address from,address to,uint256[] ids,uint256[] amounts,bytes data)']);
const V = JSON.parse(readFileSync('test/vectors/eip4527.json', 'utf8'));

describe('review: transaction fields', () => {
  it('EIP-1559 plain transfer: from is OUR address, max cost = value + gasLimit × maxFeePerGas', () => {
    const r = review(txRequest(eip1559()));
    expect(r.from).toBe(ADDR0);
    expect(r.kind).toBe('eip1559');
    expect(r.chain).toEqual({ id: 1n, name: 'Ethereum Mainnet' });
    expect(r.maxCostWei).toBe(10n ** 17n + 21000n * 30_000_000_000n);
    expect(r.nonce).toBe(7n);
    expect(r.data).toBeNull();
    expect(r.warnings).toEqual([]);
    expect(r.canSign).toBe(true);
  });
  it('legacy: max cost uses gas price; a second account path derives its own address', () => {
    const r = review(txRequest({ type: 0, chainId: 137, nonce: 1, gasPrice: 50_000_000_000n, gasLimit: 21000n, to: ADDR0, value: 1n }, { path: "m/44'/60'/0'/0/1", address: ADDR1 }));
    expect(r.from).toBe(ADDR1);
    expect(r.chain.name).toBe('Polygon PoS');
    expect(r.maxCostWei).toBe(1n + 21000n * 50_000_000_000n);
  });
  it('UNKNOWN_CHAIN for an unlisted chain id; local 31337 is known', () => {
    expect(codes(review(txRequest(eip1559({ chainId: 987654 }))))).toContain('UNKNOWN_CHAIN');
    expect(codes(review(txRequest(eip1559({ chainId: 31337 }))))).not.toContain('UNKNOWN_CHAIN');
  });
  it('HIGH_FEE above 0.05 ETH of max fee, not below', () => {
    expect(codes(review(txRequest(eip1559({ maxFeePerGas: 500_000_000_000n, gasLimit: 200000n }))))).toContain('HIGH_FEE');
    expect(codes(review(txRequest(eip1559({ maxFeePerGas: 2_000_000_000_000n }))))).toContain('HIGH_FEE'); // 2,000 gwei per gas
    expect(codes(review(txRequest(eip1559())))).not.toContain('HIGH_FEE');
  });
  it('CONTRACT_CREATION when there is no recipient', () => {
    const r = review(txRequest(eip1559({ to: null, value: 0n, gasLimit: 500000n, data: '0x6080604052' })));
    expect(r.to).toBeNull();
    expect(r.data).toEqual({ type: 'contract-creation', initCodeBytes: 5 });
    expect(codes(r)).toContain('CONTRACT_CREATION');
  });
  it('BLIND_SIGNING for undecodable calldata, also for a known selector with malformed arguments', () => {
    const r = call('0xdeadbeef0000');
    expect(r.data).toMatchObject({ type: 'unknown-call', selector: '0xdeadbeef' });
    expect(codes(r)).toContain('BLIND_SIGNING');
    expect(codes(call(erc20.encodeFunctionData('transfer', [ADDR1, 5n]).slice(0, 40)))).toContain('BLIND_SIGNING');
  });
});

describe('review: calldata kinds', () => {
  it('ERC-20 transfer', () => {
    const r = call(erc20.encodeFunctionData('transfer', [ADDR1, 1234n]));
    expect(r.data).toMatchObject({ type: 'token-call', method: 'transfer', standard: 'erc20', args: { to: ADDR1, amount: '1234' } });
    expect(r.warnings).toEqual([]);
  });
  it('ERC-20 approve: limited (no warning) and unlimited (UNLIMITED_APPROVAL)', () => {
    const small = call(erc20.encodeFunctionData('approve', [SPENDER, 10n ** 6n]));
    expect(small.data).toMatchObject({ method: 'approve', args: { spender: SPENDER, amount: '1000000' }, unlimitedApproval: false });
    expect(codes(small)).not.toContain('UNLIMITED_APPROVAL');
    expect(codes(call(erc20.encodeFunctionData('approve', [SPENDER, MAX_UINT])))).toContain('UNLIMITED_APPROVAL');
  });
  it('ERC-20 transferFrom and increaseAllowance (unlimited)', () => {
    expect(call(erc20.encodeFunctionData('transferFrom', [ADDR0, ADDR1, 7n])).data).toMatchObject({ method: 'transferFrom', args: { from: ADDR0, to: ADDR1, amount: '7' } });
    const inc = call(erc20.encodeFunctionData('increaseAllowance', [SPENDER, MAX_UINT]));
    expect(inc.data).toMatchObject({ method: 'increaseAllowance', standard: 'erc20' });
    expect(codes(inc)).toContain('UNLIMITED_APPROVAL');
  });
  it('ERC-721 safeTransferFrom (3 and 4 arguments)', () => {
    expect(call(erc721.encodeFunctionData('safeTransferFrom(address,address,uint256)', [ADDR0, ADDR1, 42n])).data).toMatchObject({ method: 'safeTransferFrom', standard: 'erc721', args: { tokenId: '42' } });
    expect(call(erc721.encodeFunctionData('safeTransferFrom(address,address,uint256,bytes)', [ADDR0, ADDR1, 42n, '0x0102'])).data).toMatchObject({ standard: 'erc721', args: { data: '0x0102' } });
  });
  it('ERC-1155 safeTransferFrom and safeBatchTransferFrom', () => {
    expect(call(erc1155.encodeFunctionData('safeTransferFrom', [ADDR0, ADDR1, 3n, 9n, '0x'])).data).toMatchObject({ standard: 'erc1155', args: { id: '3', amount: '9' } });
    expect(call(erc1155.encodeFunctionData('safeBatchTransferFrom', [ADDR0, ADDR1, [1n, 2n], [10n, 20n], '0x'])).data).toMatchObject({ method: 'safeBatchTransferFrom', args: { ids: ['1', '2'], amounts: ['10', '20'] } });
  });
  it('setApprovalForAll(true) warns UNLIMITED_APPROVAL, (false) does not', () => {
    const on = call(erc721.encodeFunctionData('setApprovalForAll', [SPENDER, true]));
    expect(on.data).toMatchObject({ method: 'setApprovalForAll', args: { operator: SPENDER, approved: true } });
    expect(codes(on)).toContain('UNLIMITED_APPROVAL');
    expect(codes(call(erc721.encodeFunctionData('setApprovalForAll', [SPENDER, false])))).not.toContain('UNLIMITED_APPROVAL');
  });
});

const permitTypes = { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }] };
const domain = { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: TOKEN };

describe('review: EIP-712 and messages', () => {
  it('Mail: domain tree first, message tree, no warning', () => {
    const td = JSON.parse(readFileSync('test/vectors/eip1559_eip712.json', 'utf8')).eip712.typed_data;
    const r = review(typedDataRequest(td));
    expect(r.kind).toBe('typed-data');
    expect(r.data).toMatchObject({ type: 'typed-data', primaryType: 'Mail', domain: [{ name: 'name', value: 'Ether Mail' }, { name: 'version' }, { name: 'chainId', value: '1' }, { name: 'verifyingContract' }] });
    expect(r.data?.type === 'typed-data' && r.data.message.children?.[2]).toEqual({ name: 'contents', type: 'string', value: 'Hello, Bob!' });
    expect(r.warnings).toEqual([]);
  });
  it('EIP-2612 Permit: PERMIT, and UNLIMITED_APPROVAL when value is max', () => {
    const types = { ...permitTypes, Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] };
    const mk = (value: string) => review(typedDataRequest({ types, primaryType: 'Permit', domain, message: { owner: ADDR0, spender: SPENDER, value, nonce: 0, deadline: 1999999999 } }));
    const lim = mk('1000000');
    expect(codes(lim)).toEqual(['PERMIT']);
    expect(lim.data).toMatchObject({ permit: { standard: 'eip2612', spender: SPENDER, tokens: [{ token: TOKEN, amount: '1000000' }] } });
    expect(codes(mk(MAX_UINT.toString()))).toEqual(['PERMIT', 'UNLIMITED_APPROVAL']);
  });
  it('DAI-style Permit (allowed=true) is unlimited', () => {
    const types = { ...permitTypes, Permit: [{ name: 'holder', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'nonce', type: 'uint256' }, { name: 'expiry', type: 'uint256' }, { name: 'allowed', type: 'bool' }] };
    const r = review(typedDataRequest({ types, primaryType: 'Permit', domain, message: { holder: ADDR0, spender: SPENDER, nonce: 1, expiry: 0, allowed: true } }));
    expect(r.data).toMatchObject({ permit: { standard: 'dai', unlimited: true } });
    expect(codes(r)).toEqual(['PERMIT', 'UNLIMITED_APPROVAL']);
  });
  it('Permit2 PermitSingle and PermitBatch', () => {
    const d = { name: 'Permit2', chainId: 1, verifyingContract: SPENDER };
    const base = { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }] };
    const details = { token: TOKEN, amount: (2n ** 160n - 1n).toString(), expiration: 1999999999, nonce: 0 };
    const single = review(typedDataRequest({ types: { ...base, PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }] }, primaryType: 'PermitSingle', domain: d, message: { details, spender: ADDR1, sigDeadline: '1999999999' } }));
    expect(single.data).toMatchObject({ permit: { standard: 'permit2-single', spender: ADDR1, unlimited: true } });
    expect(codes(single)).toEqual(['PERMIT', 'UNLIMITED_APPROVAL']);
    const batch = review(typedDataRequest({ types: { ...base, PermitBatch: [{ name: 'details', type: 'PermitDetails[]' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }] }, primaryType: 'PermitBatch', domain: d, message: { details: [{ ...details, amount: '5' }, { ...details, amount: '6' }], spender: ADDR1, sigDeadline: '1999999999' } }));
    expect(batch.data).toMatchObject({ permit: { standard: 'permit2-batch', tokens: [{ amount: '5' }, { amount: '6' }], unlimited: false } });
    expect(codes(batch)).toEqual(['PERMIT']);
  });
  it('CHAIN_MISMATCH when the EIP-712 domain names another chain than the request', () => {
    const td = JSON.parse(readFileSync('test/vectors/eip1559_eip712.json', 'utf8')).eip712.typed_data;
    expect(codes(review(typedDataRequest(td, { chainId: 10 })))).toContain('CHAIN_MISMATCH');
  });
  it('personal message: UTF-8 shown as text, binary as hex', () => {
    expect(review(messageRequest('Hello ✓')).data).toEqual({ type: 'message', encoding: 'utf8', text: 'Hello ✓', bytes: 9 });
    expect(review(messageRequest(new Uint8Array([0xff, 0x00, 0x01]))).data).toEqual({ type: 'message', encoding: 'hex', text: '0xff0001', bytes: 3 });
  });
});

describe('account export / address derivation', () => {
  it('eip4527.json#keystone-ts/utils: account xpub and first addresses', () => {
    const u = V.vectors.find((v: { id: string }) => v.id === 'keystone-ts/utils');
    const acct = ethAccountKey(root);
    expect(acct.xpub, 'eip4527.json#utils: xpub').toBe(u.inputs.xpub);
    expect(ethAccountAddresses(acct.xpub, 2)).toEqual([{ index: 0, address: u.expected['m/0/0'] }, { index: 1, address: u.expected['m/0/1'] }]);
  });
  it('watch-only source derives only below the account with non-hardened steps', () => {
    const acct = ethAccountKey(root);
    const src = { account: { fingerprint: acct.fingerprint, path: acct.path, xpub: acct.xpub } };
    expect(ethAddressAt(src, "m/44'/60'/0'/0/1")).toBe(ADDR1);
    expect(ethAddressAt(src, "m/44'/60'/1'/0/0")).toBeUndefined();
    expect(ethAddressAt({ root }, "m/44'/60'/0'/0/0")).toBe(ADDR0);
  });
});

/**
 * Prepare an Ethereum send (ETH or an ERC-20 token) from a paired account: nonce, fee data and gas
 * from the node, EIP-1559 fields (maxFee = 2 × next base fee + tip: survives ~6 full blocks of base-fee
 * rise), the unsigned transaction and the eth-sign-request for the station. Backend injected.
 */
import { AppError } from '../../../../shared/errors';
import { buildEip1559Tx, checkEthAddress, createEthSignRequest, erc20TransferData, ERC20_CALLS, ERC20_DECODE } from '../../../../shared/ethereum/build-tx';
import type { EvmBackend } from '../../net/types';
import type { EthWatchAccount } from '../../watch/types';

export interface EthSendForm {
  to: string;
  /** integer units of the asset (wei for ETH, token base units for ERC-20) */
  amount: bigint;
  /** ERC-20 contract; absent for ETH */
  token?: { address: string; decimals: number; symbol: string };
}

export interface PreparedEthSend {
  chainId: bigint;
  nonce: bigint;
  to: string;
  /** contract called (token) or recipient */
  txTo: string;
  valueWei: bigint;
  amount: bigint;
  token?: EthSendForm['token'];
  gasLimit: bigint;
  maxFeePerGasWei: bigint;
  maxPriorityFeePerGasWei: bigint;
  /** gasLimit × maxFee: the most this can cost in fees */
  maxFeeWei: bigint;
  unsignedTx: Uint8Array;
  requestCbor: Uint8Array;
  requestId: string;
}

/** Token facts by eth_call. Throws 'wallet/bad-address', net/*. */
export async function tokenInfo(backend: EvmBackend, address: string, owner: string): Promise<{ address: string; decimals: number; symbol: string; balance: bigint }> {
  const a = checkEthAddress(address);
  const [d, s, b] = await Promise.all([backend.call(a, ERC20_CALLS.decimals()), backend.call(a, ERC20_CALLS.symbol()), backend.call(a, ERC20_CALLS.balanceOf(owner))]);
  return { address: a, decimals: ERC20_DECODE.decimals(d), symbol: ERC20_DECODE.symbol(s), balance: ERC20_DECODE.balanceOf(b) };
}

/** Build the request. Throws 'wallet/unsupported-account' (view-only address), 'wallet/bad-address', 'wallet/insufficient-funds', net/*. */
export async function prepareEthSend(account: EthWatchAccount, backend: EvmBackend, form: EthSendForm, requestIdBytes?: Uint8Array): Promise<PreparedEthSend> {
  if (!account.fingerprint || !account.addressPath) throw new AppError('wallet/unsupported-account');
  const to = checkEthAddress(form.to);
  const data = form.token ? erc20TransferData(to, form.amount) : undefined;
  const txTo = form.token ? checkEthAddress(form.token.address) : to;
  const valueWei = form.token ? 0n : form.amount;
  const [chainId, nonce, fee, balance] = await Promise.all([backend.chainId(), backend.nonce(account.address), backend.feeData(), backend.balance(account.address)]);
  const estimated = await backend.estimateGas({ from: account.address, to: txTo, valueWei, data });
  // contract calls get 20 % headroom (state can change before inclusion); a plain transfer is exact
  const gasLimit = data ? (estimated * 12n) / 10n : estimated;
  const maxPriorityFeePerGasWei = fee.maxPriorityFeePerGasWei;
  const maxFeePerGasWei = fee.baseFeeWei * 2n + maxPriorityFeePerGasWei;
  const maxFeeWei = gasLimit * maxFeePerGasWei;
  if (balance < valueWei + maxFeeWei) throw new AppError('wallet/insufficient-funds', { needed: String(valueWei + maxFeeWei), available: String(balance) });
  const unsignedTx = buildEip1559Tx({ chainId, nonce, to: txTo, valueWei, maxFeePerGasWei, maxPriorityFeePerGasWei, gasLimit, data });
  const req = createEthSignRequest({ unsignedTx, chainId, path: account.addressPath, fingerprint: account.fingerprint, from: account.address, requestIdBytes });
  return { chainId, nonce, to, txTo, valueWei, amount: form.amount, token: form.token, gasLimit, maxFeePerGasWei, maxPriorityFeePerGasWei, maxFeeWei, unsignedTx, requestCbor: req.cbor, requestId: req.requestId };
}

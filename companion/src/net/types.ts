/**
 * What the companion's flows need from the network, as interfaces: the Esplora-backed Bitcoin chain
 * source and the EVM JSON-RPC node. Implementations live in this folder (the ONLY one with fetch,
 * ARCHITECTURE 2.4); flows receive them as arguments, so unit tests pass fakes.
 */

export interface AddressStats {
  address: string;
  /** confirmed + mempool transactions that touch the address */
  txCount: number;
  /** funded − spent, confirmed (sats) */
  confirmedSats: bigint;
  /** funded − spent in the mempool (sats, may be negative) */
  mempoolSats: bigint;
}

export interface EsploraUtxo {
  txid: string;
  vout: number;
  valueSats: bigint;
  confirmed: boolean;
  blockHeight?: number;
}

export interface EsploraTx {
  txid: string;
  confirmed: boolean;
  blockHeight?: number;
  blockTime?: number;
  feeSats: bigint;
  vin: { txid: string; vout: number; address?: string; valueSats: bigint }[];
  vout: { address?: string; valueSats: bigint }[];
}

export interface BitcoinBackend {
  readonly host: string;
  addressStats(address: string): Promise<AddressStats>;
  addressUtxos(address: string): Promise<EsploraUtxo[]>;
  addressTxs(address: string): Promise<EsploraTx[]>;
  /** raw transaction bytes */
  txRaw(txid: string): Promise<Uint8Array>;
  /** confirmation target (blocks) → sat/vB */
  feeEstimates(): Promise<Record<string, number>>;
  /** POST /tx; resolves to the txid; 'net/broadcast-rejected' {reason} when the node refuses */
  broadcast(txHex: string): Promise<string>;
  tipHeight(): Promise<number>;
}

export interface EvmFeeData {
  baseFeeWei: bigint;
  maxPriorityFeePerGasWei: bigint;
}

export interface EvmReceipt {
  status: 'success' | 'reverted';
  blockNumber: bigint;
  gasUsed: bigint;
  effectiveGasPriceWei: bigint;
}

export interface EvmBackend {
  readonly host: string;
  chainId(): Promise<bigint>;
  balance(address: string): Promise<bigint>;
  /** pending nonce */
  nonce(address: string): Promise<bigint>;
  feeData(): Promise<EvmFeeData>;
  estimateGas(tx: { from: string; to: string; valueWei: bigint; data?: Uint8Array }): Promise<bigint>;
  call(to: string, data: Uint8Array): Promise<Uint8Array>;
  /** eth_sendRawTransaction → tx hash; 'net/broadcast-rejected' {reason} on a JSON-RPC error */
  sendRaw(rawTx: string): Promise<string>;
  receipt(hash: string): Promise<EvmReceipt | null>;
}

/** The fetch we use (window.fetch in the app, a fake in tests). */
export type FetchFn = (input: string, init?: { method?: string; body?: string; headers?: Record<string, string>; signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

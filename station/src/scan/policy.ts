/**
 * What the station's scan screen accepts, and how big it may be. The station signs; it takes
 * transactions to sign (PSBT, EIP-4527 eth-sign-request) and multisig wallet registrations
 * (crypto-output / output-descriptor, or `bytes` holding a descriptor or BSMS text). Anything
 * else is refused with a message naming what arrived and what was expected.
 */
import type { AcceptPolicy } from '../../../shared/ui/scan/scan-session';

export const STATION_SCAN_ACCEPT: AcceptPolicy = {
  urTypes: ['crypto-psbt', 'psbt', 'eth-sign-request', 'crypto-output', 'output-descriptor', 'bytes'],
  text: false,
  expected: 'a transaction to sign (PSBT or Ethereum signing request) or a multisig wallet',
};

/**
 * 1 MiB: far above any PSBT a person can review (a 100-input PSBT with full previous
 * transactions is ~100 KB), small enough that a hostile animated code cannot exhaust memory.
 */
export const STATION_MAX_SCAN_BYTES = 1024 * 1024;

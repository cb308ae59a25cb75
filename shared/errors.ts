/**
 * Typed errors for the shared core (ARCHITECTURE.md 2.5).
 *
 * Every failure the user can meet has an `ErrorCode` and a plain-language message in
 * `USER_MESSAGES`. `detail` carries public facts only (an index, a type name) — never a
 * secret. The UI and CLI render `userMessage(err)`; they never render `message`, `cause`
 * or `stack` (libraries such as scure-bip39 put secret words into their own messages).
 *
 * Codes are grouped by domain; add new codes to your domain's group and give each a message
 * (tsc fails on a missing entry because the table is `Record<ErrorCode, …>`).
 */

export type ErrorCode =
  // generic
  | 'internal'
  | 'input/bad-encoding'
  | 'input/too-large'
  | 'input/empty'
  // keys
  | 'mnemonic/bad-length'
  | 'mnemonic/unknown-word'
  | 'mnemonic/bad-checksum'
  | 'entropy/bad-dice'
  | 'keys/bad-path'
  | 'keys/bad-xkey'
  | 'keys/wrong-network'
  // vault
  | 'vault/wrong-password'
  | 'vault/corrupt'
  | 'vault/unsupported-version'
  | 'vault/weak-kdf'
  | 'vault/locked'
  | 'vault/not-found'
  | 'vault/passphrase-too-short'
  | 'vault/exists'
  | 'vault/confirm-mismatch'
  // UR / QR transport
  | 'ur/unsupported-type'
  | 'ur/type-changed'
  | 'ur/corrupt'
  | 'ur/incomplete'
  | 'ur/mixed-messages'
  | 'ur/too-large'
  | 'ur/not-ur'
  | 'ur/unsupported-encoding'
  // bitcoin
  | 'psbt/unparseable'
  | 'psbt/missing-utxo'
  | 'psbt/utxo-mismatch'
  | 'psbt/mixed-policy'
  | 'psbt/no-inputs-ours'
  | 'psbt/review-changed'
  | 'psbt/unsupported-sighash'
  | 'psbt/network-mismatch'
  | 'psbt/cannot-sign'
  | 'multisig/unparseable'
  | 'multisig/not-cosigner'
  | 'descriptor/bad-checksum'
  | 'descriptor/unparseable'
  // companion (online watch-only wallet)
  | 'wallet/insufficient-funds'
  | 'wallet/dust-amount'
  | 'wallet/bad-address'
  | 'wallet/no-coins'
  | 'wallet/secret-refused'
  | 'wallet/unsupported-account'
  | 'wallet/signed-psbt-mismatch'
  | 'wallet/not-fully-signed'
  | 'wallet/no-new-signature'
  | 'wallet/bad-signature'
  | 'net/unreachable'
  | 'net/bad-response'
  | 'net/broadcast-rejected'
  | 'net/release-unreachable'
  | 'net/release-malformed'
  | 'eth/wrong-signer'
  | 'eth/request-id-mismatch'
  // ethereum
  | 'eth/unsupported-data-type'
  | 'eth/chain-mismatch'
  | 'eth/bad-request'
  | 'eth/wrong-fingerprint'
  | 'eth/wrong-address'
  | 'eth/bad-path'
  | 'eth/bad-typed-data'
  | 'eth/bad-transaction'
  | 'eth/request-too-large'
  | 'eth/no-replay-protection'
  | 'eth/review-changed'
  // backup
  | 'slip39/bad-checksum'
  | 'slip39/bad-share'
  | 'slip39/mismatched-shares'
  | 'slip39/duplicate-share'
  | 'slip39/insufficient-shares'
  | 'slip39/bad-parameters'
  | 'slip39/invalid-digest'
  | 'seedqr/bad-format'
  | 'backup/wrong-password'
  | 'backup/corrupt'
  | 'backup/unsupported-version'
  | 'backup/passphrase-too-short'
  // audit / policy
  | 'audit/invalid-log'
  | 'audit/wrong-key'
  | 'policy/refused'
  | 'policy/invalid'
  // devices
  | 'camera/denied'
  | 'camera/unavailable'
  | 'ledger/unavailable'
  | 'ledger/locked'
  | 'ledger/wrong-app'
  | 'ledger/app-too-old'
  | 'ledger/rejected'
  | 'ledger/disconnected'
  | 'ledger/hmac-mismatch'
  | 'ledger/file-origin'
  | 'ledger/usb-permission'
  | 'ledger/busy'
  | 'ledger/no-device'
  | 'ledger/wrong-device'
  | 'ledger/bad-signature'
  | 'ledger/unsupported'
  | 'ledger/not-registered';

/** The one error type shared/ throws: a code (USER_MESSAGES key) plus public-only `detail`; never a secret. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: Readonly<Record<string, string | number>>,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'AppError';
  }
}

export const USER_MESSAGES: Record<ErrorCode, string> = {
  internal: 'Something went wrong inside Airlock. Nothing was signed or changed.',
  'input/bad-encoding': 'The input is not in a format Airlock understands.',
  'input/too-large': 'The input is too large to process safely.',
  'input/empty': 'The input is empty.',
  'mnemonic/bad-length': 'A recovery phrase has 12, 15, 18, 21 or 24 words.',
  'mnemonic/unknown-word': 'Word {position} is not in the BIP-39 English word list.',
  'mnemonic/bad-checksum': 'The words are all valid, but the checksum does not match: a word is wrong or out of order.',
  'entropy/bad-dice': 'Dice rolls must be digits 1 to 6.',
  'keys/bad-path': 'That derivation path is not valid.',
  'keys/bad-xkey': 'That extended key is not valid.',
  'keys/wrong-network': 'That key belongs to another network than the one selected.',
  'vault/wrong-password': 'Wrong vault passphrase. Nothing was changed.',
  'vault/corrupt': 'This vault record is damaged or was tampered with; it cannot be decrypted.',
  'vault/unsupported-version': 'This vault was written by a newer or unknown version of Airlock.',
  'vault/weak-kdf': 'The vault key-derivation parameters are weaker than Airlock allows.',
  'vault/locked': 'The vault is locked. Unlock it first.',
  'vault/not-found': 'There is no such key in the vault.',
  'vault/passphrase-too-short': 'The vault passphrase must be at least {min} characters.',
  'vault/exists': 'A vault already exists here. Unlock it instead of creating a new one.',
  'vault/confirm-mismatch': 'To delete this key, type its fingerprint exactly. Nothing was deleted.',
  'ur/unsupported-type': 'Got a "{got}" QR code, but this screen expects {expected}.',
  'ur/type-changed': 'The QR codes changed to a different message in the middle of the scan.',
  'ur/corrupt': 'A QR part is damaged (its checksum does not match).',
  'ur/incomplete': 'Not all parts of the animated QR code have been received yet.',
  'ur/mixed-messages': 'The QR parts belong to two different messages.',
  'ur/too-large': 'The QR payload is larger than Airlock accepts ({limit} bytes).',
  'ur/not-ur': 'That is not a UR QR code.',
  'ur/unsupported-encoding': 'This animated QR uses {encoding} encoding, which Airlock cannot read. Ask the sender for BBQr hex or base32, or for UR.',
  'psbt/unparseable': 'This is not a valid PSBT (partially signed Bitcoin transaction).',
  'psbt/missing-utxo': 'Input {inputIndex} has no information about the coin it spends, so it cannot be signed.',
  'psbt/utxo-mismatch': 'Input {inputIndex} describes the coin it spends in two contradictory ways. Refusing: this is how fees are faked.',
  'psbt/mixed-policy': 'The inputs of this transaction belong to different wallets.',
  'psbt/no-inputs-ours': 'None of the inputs belong to this key, so there is nothing to sign.',
  'psbt/review-changed': 'The transaction changed after you reviewed it. Nothing was signed.',
  'psbt/unsupported-sighash': 'Input {inputIndex} asks for an unusual signature type (sighash). Airlock only signs SIGHASH_ALL.',
  'psbt/network-mismatch': 'This transaction is for a different Bitcoin network than this key.',
  'psbt/cannot-sign': 'Airlock cannot sign this transaction.',
  'multisig/unparseable': 'This multisig wallet description could not be read.',
  'multisig/not-cosigner': 'This key is not one of the cosigners of that multisig wallet.',
  'descriptor/bad-checksum': 'The descriptor checksum does not match.',
  'descriptor/unparseable': 'This output descriptor could not be read.',
  'wallet/insufficient-funds': 'Not enough funds: {needed} sat needed (fee included), {available} sat available.',
  'wallet/dust-amount': 'An amount is below the dust limit ({min} sat); the network would not relay it.',
  'wallet/bad-address': 'That is not a valid {network} address.',
  'wallet/no-coins': 'This account has no coins to spend yet.',
  'wallet/secret-refused': 'That looks like a private key or recovery words. The companion is watch-only: it was NOT stored. Keep secrets on the offline station only.',
  'wallet/unsupported-account': 'The companion cannot watch this kind of account.',
  'wallet/signed-psbt-mismatch': 'The signed transaction is not the one you sent to the station (it pays other outputs or spends other coins). Nothing was broadcast.',
  'wallet/not-fully-signed': 'Input {inputIndex} of the signed transaction has no valid signature yet.',
  'wallet/no-new-signature': 'This signed transaction adds no new signature: it was already scanned, or comes from a cosigner who had already signed.',
  'wallet/bad-signature': 'A signature on input {inputIndex} does not verify for this wallet (wrong key or altered transaction). Nothing was combined.',
  'net/unreachable': 'Could not reach {host}. The last data we had is still shown. Check the address in Settings or your connection, then retry.',
  'net/bad-response': '{host} answered with something unexpected (HTTP {status}).',
  'net/broadcast-rejected': 'The node refused the transaction: {reason}',
  'net/release-unreachable': 'Could not reach {host} to check the latest published station build. Connect to the internet, then press Check again.',
  'net/release-malformed': 'The published station release file (station-release.json) is malformed: {problem}. It was not used.',
  'eth/wrong-signer': 'This signature was made by another key ({got}), not by this account ({expected}). Nothing was broadcast.',
  'eth/request-id-mismatch': 'This signature answers another request, not the one shown. Scan the answer to this request.',
  'eth/unsupported-data-type': 'This Ethereum request has a data type Airlock does not support.',
  'eth/chain-mismatch': 'The transaction chain id does not match the request.',
  'eth/bad-request': 'This is not a valid Ethereum signing request.',
  'eth/wrong-fingerprint': 'This request is for another key (fingerprint {got}), not this one ({ours}).',
  'eth/wrong-address': 'The request names an address this key does not hold at that path.',
  'eth/bad-path': 'The request asks for a derivation path this key does not sign for.',
  'eth/bad-typed-data': 'The EIP-712 typed data is not valid.',
  'eth/bad-transaction': 'The Ethereum transaction in this request could not be decoded.',
  'eth/request-too-large': 'This Ethereum request is larger than Airlock accepts ({limit} bytes).',
  'eth/no-replay-protection': 'This legacy transaction has no chain id (pre-EIP-155), so it could be replayed on other chains. Airlock does not sign it.',
  'eth/review-changed': 'The Ethereum request changed after you reviewed it. Nothing was signed.',
  'slip39/bad-checksum': 'Share {share} has a checksum error: a word is wrong.',
  'slip39/bad-share': 'Share {share} is not a valid SLIP-39 share.',
  'slip39/mismatched-shares': 'Share {share} does not belong to the same backup as the others.',
  'slip39/duplicate-share': 'Share {share} was entered twice.',
  'slip39/insufficient-shares': 'Not enough shares yet: {missing} more needed.',
  'slip39/bad-parameters': 'Those SLIP-39 split parameters are not valid.',
  'slip39/invalid-digest': 'The shares fit together but do not recover a valid secret: one of them was altered or belongs to another backup.',
  'seedqr/bad-format': 'This is not a valid SeedQR code.',
  'backup/wrong-password': 'Wrong backup passphrase. Nothing was changed.',
  'backup/corrupt': 'This backup file is damaged, truncated or was tampered with.',
  'backup/unsupported-version': 'This backup was written by a newer or unknown version of Airlock.',
  'backup/passphrase-too-short': 'The backup passphrase must be at least {min} characters.',
  'audit/invalid-log': 'The audit log does not verify: entry {entry} was changed, removed or forged.',
  'audit/wrong-key': 'The audit log belongs to another station.',
  'policy/refused': 'Refused by policy: {rule}.',
  'policy/invalid': 'The spending policy is not valid (check {field}).',
  'camera/denied': 'Camera access was denied. Allow the camera for this page in the browser settings, then try again.',
  'camera/unavailable': 'No camera was found. Plug in a webcam, or import from a file instead.',
  'ledger/unavailable': 'WebUSB is not available in this browser. Use Chromium or Google Chrome (Firefox and Safari have no WebUSB); the station keeps working without the Ledger.',
  'ledger/locked': 'The Ledger is locked. Enter its PIN on the device, then try again.',
  'ledger/wrong-app': 'Open the {app} app on the Ledger, then try again.',
  'ledger/app-too-old': 'The Ledger {app} app is too old. Update it with Ledger Live (version {min} or newer).',
  'ledger/rejected': 'You rejected the request on the Ledger. Nothing was signed.',
  'ledger/disconnected': 'The Ledger was disconnected. Plug it in again and retry.',
  'ledger/hmac-mismatch': 'The Ledger did not recognise this wallet registration. Register the wallet again.',
  'ledger/file-origin': 'WebUSB does not work on a page opened from a file (file://). Serve the station with `npm start` and open http://localhost:<port>/station/ instead.',
  'ledger/usb-permission': 'The browser may not open the Ledger (Linux USB permissions). Run: echo \'SUBSYSTEMS=="usb", ATTRS{idVendor}=="2c97", MODE="0660", TAG+="uaccess", TAG+="udev-acl"\' | sudo tee /etc/udev/rules.d/20-hw1.rules && sudo udevadm control --reload-rules && sudo udevadm trigger — then unplug and replug the Ledger.',
  'ledger/busy': 'Another program (Ledger Live, another browser tab) is using the Ledger. Close it, unplug and replug the Ledger, then try again.',
  'ledger/no-device': 'No Ledger was chosen. Plug it in, unlock it, press Connect and pick it in the browser’s list.',
  'ledger/wrong-device': 'This Ledger holds another key (fingerprint {got}) than the one saved here ({expected}). Nothing was signed.',
  'ledger/bad-signature': 'The Ledger answered with a signature that does not match the reviewed request. Nothing was saved.',
  'ledger/unsupported': 'The Ledger cannot sign this: {reason}. Nothing was signed.',
  'ledger/not-registered': 'The multisig wallet “{wallet}” is not registered on this Ledger yet. Register it once (the Ledger shows it for your approval), then sign again.',
};

/** Plain-language message for an error: AppError messages with `{detail}` filled; anything else is 'internal'. */
export function userMessage(e: unknown): string {
  if (e instanceof AppError) {
    const template = USER_MESSAGES[e.code] ?? USER_MESSAGES.internal;
    return template.replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = e.detail?.[k];
      return v === undefined ? m : String(v);
    });
  }
  return USER_MESSAGES.internal;
}

/** Error code of any thrown value: AppError's code, else 'internal'. */
export function errorCode(e: unknown): ErrorCode {
  return e instanceof AppError ? e.code : 'internal';
}

/** Run `fn`, turning any non-AppError into `AppError(code)` with the original as cause (never shown). */
export function wrapErrors<T>(code: ErrorCode, fn: () => T, detail?: Record<string, string | number>): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(code, detail, { cause: e });
  }
}

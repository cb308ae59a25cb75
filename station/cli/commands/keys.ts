/** CLI commands for keys: mnemonic new/check, account xpub/export (CLI.md "Keys"). */
import type { Command } from '../framework';

export const keyCommands: Command[] = [];

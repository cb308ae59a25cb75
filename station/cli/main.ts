/**
 * `airlock` command table. Each domain declares its commands in `commands/<domain>.ts`;
 * add a domain by importing its list here (one line).
 */
import { runCli, type Command } from './framework';
import { keyCommands } from './commands/keys';
import { auditCommands } from './commands/audit';
import { urCommands } from './commands/ur';
import { backupCommands } from './commands/backup';
import { ethCommands } from './commands/eth';
import { psbtCommands } from './commands/psbt';

const COMMANDS: Command[] = [...keyCommands, ...auditCommands, ...urCommands, ...backupCommands, ...psbtCommands, ...ethCommands];

export function main(argv: string[]): Promise<number> {
  return runCli(argv, COMMANDS);
}

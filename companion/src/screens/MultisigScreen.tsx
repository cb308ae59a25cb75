/**
 * New multisig wallet screen: the multisig flow (companion/src/flows/multisig-import: collect each
 * station's cosigner key, choose M, name it, check the descriptor and first address, add it).
 */
import { MultisigFlow } from '../flows/multisig-import/MultisigFlow';

export function MultisigScreen() {
  return <MultisigFlow />;
}

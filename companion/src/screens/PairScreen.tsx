/**
 * Pairing screen: the pairing flow (companion/src/flows/pair: scan or paste the station's account
 * export → preview → add). Secrets are refused.
 */
import { PairFlow } from '../flows/pair/PairFlow';

export function PairScreen() {
  return <PairFlow />;
}

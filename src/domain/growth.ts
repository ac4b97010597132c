import { Dec } from "./decimal";

/**
 * Growth as the release states it: current / prior - 1, so a loss that grows from 66.5 to 166.1
 * "increased by 150.0%". Undefined where the prior figure is zero or the sign flips (a loss turning
 * into a profit has no meaningful percentage change).
 */
export function growthRatio(current: Dec, prior: Dec): Dec | undefined {
  if (prior.isZero()) return undefined;
  if (!current.isZero() && current.isNegative() !== prior.isNegative()) return undefined;
  return current.div(prior).minus(1);
}

/** Change of a percentage in points (27.6% vs 16.2% is 11.4 points). */
export function pointChange(current: Dec, prior: Dec): Dec {
  return current.minus(prior);
}

package io.atta.engine.insurance;

import io.atta.core.insurance.CreateInsuranceProduct;

/**
 * A product and what it took and paid on this shard (a row of its insurer's statement):
 * policies sold, premiums, claims paid and rejected, mutual-aid shares collected and borne by the
 * insurer, active members, and approved claims waiting for the period's end.
 */
public record ProductView(CreateInsuranceProduct terms, long policies, long premiums, long premiumTotal,
                          long claimsPaid, long claimsPaidTotal, long claimsRejected, long sharesTotal,
                          long borneTotal, long closedPeriods, long activeMembers, long waitingTotal) {
}

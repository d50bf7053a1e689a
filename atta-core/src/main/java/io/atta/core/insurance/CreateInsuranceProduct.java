package io.atta.core.insurance;

import io.atta.core.command.Command;

/**
 * Creates an insurance product of an insurer on one shard (the edge applies it on every shard,
 * shard 0 first). Applying the same terms again is {@code exists}.
 *
 * @param kind               an {@link InsuranceKind} code
 * @param payer              a {@link PremiumPayer} code (return shipping; buyer for the others)
 * @param premiumFixed       the premium in minor units when {@code premiumRatePpm} is 0
 * @param premiumRatePpm     the premium as parts per million of the trade's amount (return shipping), or 0
 * @param premiumMin         the least premium a rate gives, minor units
 * @param premiumMax         the most premium a rate gives, minor units
 * @param coverage           return shipping: the compensation paid; the others: the most one policy's claims may total
 * @param claimWindowSeconds how long after a loss a claim may be reported (72 h for account security)
 * @param termSeconds        how long a bought policy covers losses (account security; 0 for the others)
 * @param periodSeconds      a mutual-aid period (0 for the others)
 * @param startsAt           when the product's first period starts (ns): the edge's time, the same on every shard
 */
public record CreateInsuranceProduct(String code, String name, String insurerCode, int kind, int ledger, int payer,
                                     long premiumFixed, int premiumRatePpm, long premiumMin, long premiumMax,
                                     long coverage, long claimWindowSeconds, long termSeconds, long periodSeconds,
                                     long startsAt) implements Command {
    public CreateInsuranceProduct {
        code = code == null ? "" : code;
        name = name == null ? "" : name;
        insurerCode = insurerCode == null ? "" : insurerCode;
    }
}

package io.atta.engine.insurance;

/**
 * A policy on its holder's shard: bought (account security), joined (mutual aid) or sold with a
 * trade (return shipping, {@code tradeNo} set). {@code claimedAmount} counts its claims reported or
 * approved and not rejected, against the product's coverage.
 */
final class Policy {
    static final int active = 0;
    /** A mutual-aid member whose wallet could not pay a share: out of the plan. */
    static final int lapsed = 1;
    /** A return-shipping policy whose claim was paid. */
    static final int claimed = 2;

    final long id;
    final long userId;
    final long walletId;
    final String productCode;
    final long tradeNo;
    final long premium;
    final long startsAt;
    final long endsAt;
    int status;
    long claimedAmount;
    long sharesPaid;

    Policy(long id, long userId, long walletId, String productCode, long tradeNo, long premium, long startsAt,
           long endsAt) {
        this.id = id;
        this.userId = userId;
        this.walletId = walletId;
        this.productCode = productCode;
        this.tradeNo = tradeNo;
        this.premium = premium;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }

    static String statusName(int status) {
        return switch (status) {
            case active -> "active";
            case lapsed -> "lapsed";
            case claimed -> "claimed";
            default -> throw new IllegalStateException("policy status " + status);
        };
    }
}

package io.atta.engine.credit;

/**
 * What the score knows of a user beyond the ledger and the fund: the KYC level, the repayment
 * record of the user's statements, credit-pay activity by month and the merchants paid with it,
 * and the score last recorded.
 */
final class Profile {
    /** Distinct merchants kept per user: past it the relationships band is the top one anyway. */
    static final int maxMerchants = 10;

    final long userId;
    int kyc;
    int onTime;
    int late;
    int defaults;
    int purchases;
    int refundedPurchases;
    /** Bit i: a credit purchase in month {@code lastActiveMonth - i}. */
    int activeMask;
    int lastActiveMonth;
    final long[] merchants = new long[maxMerchants];
    int merchantCount;
    /** The score last recorded, or null. */
    Score score;

    Profile(long userId) {
        this.userId = userId;
    }

    /** Marks a credit purchase in month {@code month} (months only move forward). */
    void activeIn(int month) {
        if (month > lastActiveMonth) {
            int shift = month - lastActiveMonth;
            activeMask = shift >= 32 ? 0 : activeMask << shift;
            lastActiveMonth = month;
        }
        activeMask |= 1 << (lastActiveMonth - month);
    }

    /** Months with a credit purchase among the 12 ending with {@code month}. */
    int activeMonths(int month) {
        int shift = month - lastActiveMonth;
        if (shift >= 12 || shift < 0) {
            return shift < 0 ? Integer.bitCount(activeMask & 0xFFF) : 0;
        }
        return Integer.bitCount((activeMask << shift) & 0xFFF);
    }

    /** True when added (not there before and room left). */
    boolean addMerchant(long merchantId) {
        for (int i = 0; i < merchantCount; i++) {
            if (merchants[i] == merchantId) {
                return false;
            }
        }
        if (merchantCount == maxMerchants) {
            return false;
        }
        merchants[merchantCount++] = merchantId;
        return true;
    }
}

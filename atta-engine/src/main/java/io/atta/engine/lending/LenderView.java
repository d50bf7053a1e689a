package io.atta.engine.lending;

/**
 * A lender on one shard: its accounts there, its funding available there (the funding account's
 * balance), its exposure (principal lent and not repaid) and its income (interest and penalties).
 */
public record LenderView(long lenderId, String name, int ledger, long createdAt, long fundingAccount,
                         long incomeAccount, long available, long deposited, long exposure, long disbursed,
                         long principalRepaid, long interestReceived, long penaltiesReceived, long loans) {
}

package io.atta.engine.credit;

import io.atta.core.AccountFlags;
import io.atta.core.DerivedIds;
import io.atta.core.TransferCodes;
import io.atta.engine.ledger.Postings;

/**
 * The shard's credit-pay lender account per currency (docs/CREDIT.md, "The lender"): a platform
 * account in the shard's home slot that lends to every line on the shard and receives their
 * repayments, fed by an operator from bank funding. It may not go below zero.
 */
final class LenderAccounts {
    private LenderAccounts() {
    }

    static long id(int homeSlot, int ledger) {
        return DerivedIds.platformId(homeSlot, "credit-lender:" + ledger);
    }

    /** Opens the account inside the caller's group when absent. */
    static void ensure(Postings postings, int ledger, long ts) {
        long id = id(postings.homeSlot(), ledger);
        if (!postings.accountExists(id)) {
            postings.openPlatformAccount(id, ledger, TransferCodes.creditLenderAccount,
                    AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0, ts);
        }
    }
}

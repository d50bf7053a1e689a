package io.atta.engine.ledger;

import io.atta.core.command.Result;

/**
 * A product module that can pay for a user (an {@link io.atta.core.Funding} other than the
 * wallet): it puts the amount into the payer's wallet inside the payment's group, so the payment
 * and its funding stand or fall together in one command on the payer's shard. Registered with
 * {@link LedgerModule#addFundingSource}; the trade module and funded transfers ask it.
 *
 * <p>Both methods run inside a group the caller opened ({@link Postings#begin}): post with
 * {@link Postings#transfer} only, never begin or end a group, and log how to take back every
 * change to the module's own state on {@link io.atta.engine.shard.ShardServices#undo()}, as the
 * group may still be rolled back after the method returns.
 */
public interface FundingSource {
    /**
     * Called before the payment's group opens: brings the source's own clock to {@code ts}
     * (a day that ended, income to post), in groups of its own, so that {@link #fund} sees today.
     */
    default void catchUp(long ts) {
    }

    /**
     * Moves {@code amount} into {@code walletId} of {@code userId} for the payment named by
     * {@code reference} (a trade number or a transfer id). A refusal changes nothing; a reference
     * already funded answers {@code exists} and moves nothing.
     */
    Result fund(long userId, long walletId, long amount, int ledger, long reference, long ts);

    /**
     * The id of the transfer {@link #fund} writes for {@code reference}, which the ledger loads
     * before the batch applies so that a repeat is seen; 0 when it writes none of its own.
     */
    default long transferIdFor(long reference) {
        return 0;
    }

    /**
     * {@code amount} of the payment named by {@code reference} went back into the payer's wallet
     * (a refund). A source that funded it may take back what it lent; one that did not ignores it.
     */
    default void givenBack(long userId, long walletId, long amount, int ledger, long reference, long ts) {
    }
}

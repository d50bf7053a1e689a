package io.atta.engine.ledger;

/**
 * A domain that wants to hear when the ledger voids a pending transfer whose timeout passed
 * (a withdrawal the channel never answered), in the same apply as the void, so that its own
 * record of the transfer changes together with the money.
 */
public interface PendingExpiry {
    /** {@code transfer} (now {@link PendingStatus#expired}) was voided by the tick at {@code ts}. */
    void expired(TransferRecord transfer, long ts);
}

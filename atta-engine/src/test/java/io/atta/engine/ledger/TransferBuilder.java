package io.atta.engine.ledger;

import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.core.command.CreateTransfer;

/**
 * Builds {@link CreateTransfer} commands for tests, starting from a plain CNY transfer with
 * code 1, so that a table row names only what matters to it.
 */
final class TransferBuilder {
    private final long id;
    private long debit;
    private long credit;
    private long amount;
    private int ledger = Currency.CNY.ledger();
    private int code = 1;
    private int flags;
    private long pendingId;
    private int timeoutSeconds;
    private long userData;
    private long actingUserId;

    private TransferBuilder(long id) {
        this.id = id;
    }

    static TransferBuilder transfer(long id, long debit, long credit, long amount) {
        TransferBuilder b = new TransferBuilder(id);
        b.debit = debit;
        b.credit = credit;
        b.amount = amount;
        return b;
    }

    static TransferBuilder pending(long id, long debit, long credit, long amount, int timeoutSeconds) {
        TransferBuilder b = transfer(id, debit, credit, amount);
        b.flags = TransferFlags.pending;
        b.timeoutSeconds = timeoutSeconds;
        return b;
    }

    /** A post of {@code pendingId} that leaves accounts, ledger and code to the pending transfer. */
    static TransferBuilder post(long id, long pendingId, long amount) {
        TransferBuilder b = new TransferBuilder(id);
        b.flags = TransferFlags.postPending;
        b.pendingId = pendingId;
        b.amount = amount;
        b.ledger = 0;
        b.code = 0;
        return b;
    }

    /** A void of {@code pendingId} that leaves every other field to the pending transfer. */
    static TransferBuilder voidPending(long id, long pendingId) {
        TransferBuilder b = post(id, pendingId, 0);
        b.flags = TransferFlags.voidPending;
        return b;
    }

    TransferBuilder debit(long v) {
        debit = v;
        return this;
    }

    TransferBuilder credit(long v) {
        credit = v;
        return this;
    }

    TransferBuilder amount(long v) {
        amount = v;
        return this;
    }

    TransferBuilder ledger(int v) {
        ledger = v;
        return this;
    }

    TransferBuilder code(int v) {
        code = v;
        return this;
    }

    TransferBuilder flags(int v) {
        flags = v;
        return this;
    }

    TransferBuilder linked() {
        flags |= TransferFlags.linked;
        return this;
    }

    TransferBuilder pendingId(long v) {
        pendingId = v;
        return this;
    }

    TransferBuilder timeout(int seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    TransferBuilder userData(long v) {
        userData = v;
        return this;
    }

    TransferBuilder actingUser(long v) {
        actingUserId = v;
        return this;
    }

    CreateTransfer build() {
        return new CreateTransfer(id, debit, credit, amount, ledger, code, flags, pendingId, timeoutSeconds, userData,
                actingUserId);
    }
}

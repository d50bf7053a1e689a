package io.atta.engine.ledger;

import io.atta.core.command.ClientContext;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;

/**
 * A domain that screens every transfer a user initiates, in the ledger's apply, after the transfer
 * is found valid and new and before it moves money (risk control: docs/RISK.md). The ledger asks
 * each screen in the order they registered; the strongest answer wins: {@link Verdict#refuse}
 * over {@link Verdict#hold} over {@link Verdict#pass}. A refused transfer changes no balance and
 * answers the refusing screen's result; a held one is applied as a pending transfer that only its
 * screen's domain posts or voids (through {@link Postings#derivedTransfer}), and answers the
 * holding screen's result. The ledger knows nothing of why.
 *
 * <p>A transfer is user-initiated when {@link CreateTransfer#initiatingUserId()} is not 0: made
 * with a user's key, or carrying the {@link ClientContext} the edge attaches for a user. A
 * transfer made with an operator's key is screened too, with user 0: a screen passes it unless
 * told to screen such transfers. A platform rule's transfer made on a user's authority (a
 * trade's hold when the buyer pays, a withdrawal's hold) is screened as that user's, and cannot
 * be held (it is part of its rule's group); the platform's other transfers (releases, refunds,
 * deposits, operators' adjustments, sweeps) are never screened.
 */
public interface TransferScreen {
    /** What a screen says of one transfer. */
    enum Verdict {
        pass, hold, refuse
    }

    /**
     * One transfer being screened, reused from transfer to transfer (the screen must not keep
     * it): its request, and what the screens answered.
     */
    final class Screening {
        /** The transfer as requested (for a cross-shard piece: its leg, whose accounts are the real ones). */
        public CreateTransfer request;
        /** The user it is made for; 0 for a transfer made with an operator's key (a screen may take its payer). */
        public long userId;
        /** True for a cross-shard piece, a member of a linked chain or a platform rule's transfer: a hold is not possible. */
        public boolean grouped;
        public long timestamp;

        Verdict verdict;
        Result result;
        int holdSeconds;
        boolean following;

        void reset(CreateTransfer request, long userId, boolean grouped, long ts) {
            this.request = request;
            this.userId = userId;
            this.grouped = grouped;
            this.timestamp = ts;
            this.verdict = Verdict.pass;
            this.result = Result.ok;
            this.holdSeconds = 0;
            this.following = false;
        }

        /** A screen asks to be told, by {@link #applied}, when the transfer is applied (else it is not). */
        public void follow() {
            following = true;
        }

        /** The screen refuses the transfer with {@code why} (a result of its own block). */
        public void refuse(Result why) {
            if (verdict != Verdict.refuse) {
                verdict = Verdict.refuse;
                result = why;
            }
        }

        /**
         * The screen holds the transfer for {@code seconds} as a pending transfer, answering
         * {@code why}; a stronger refusal (this screen's or a later one's) wins.
         */
        public void hold(Result why, int seconds) {
            if (grouped) {
                throw new IllegalStateException("a grouped transfer cannot be held: refuse it instead");
            }
            if (verdict == Verdict.pass) {
                verdict = Verdict.hold;
                result = why;
                holdSeconds = seconds;
            }
        }

        public Verdict verdict() {
            return verdict;
        }
    }

    /** Screens a transfer that is valid and new. */
    void screen(Screening s);

    /**
     * The screened transfer was applied (as decided: passed, or held as {@code record}, a pending
     * transfer); called for every screen when one of them asked to {@link Screening#follow}, so
     * that features follow what moved.
     * While {@code undoable}, changes must be logged in the shard's undo log.
     */
    void applied(Screening s, TransferRecord record, boolean undoable);

    /** True when this screen held the transfer with this id (a retry of its request then answers {@code exists}). */
    boolean held(long transferId);

    /**
     * Asked before a user-initiated post or void of a pending transfer: a result other than ok
     * refuses it (a held transfer is resolved by its screen's domain, never by its payer).
     */
    Result mayResolve(long pendingId, long userId);
}

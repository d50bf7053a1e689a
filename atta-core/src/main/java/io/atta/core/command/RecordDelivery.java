package io.atta.core.command;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/**
 * Records a delivery attempt of a merchant notification from this shard's outbox: delivered
 * (the entry leaves the outbox), failed and to be tried again at {@code nextAttemptAt}, or
 * abandoned after the last attempt.
 */
public record RecordDelivery(long seq, Outcome outcome, long nextAttemptAt) implements Command {
    public enum Outcome implements StableCode {
        delivered(0),
        retry(1),
        abandoned(2);

        private static final CodeTable<Outcome> byCode = new CodeTable<>(values());

        private final int code;

        Outcome(int code) {
            this.code = code;
        }

        /** The stable code logs and snapshots hold: see {@link StableCode}. */
        @Override
        public int code() {
            return code;
        }

        public static Outcome ofCode(int code) {
            return byCode.of(code);
        }
    }
}

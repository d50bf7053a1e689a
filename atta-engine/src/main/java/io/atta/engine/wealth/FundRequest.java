package io.atta.engine.wealth;

import io.atta.core.CodeTable;
import io.atta.core.StableCode;

/**
 * A subscription or redemption as it was asked and where it stands, kept by request id so that a
 * retry gets the same answer.
 *
 * @param day    a subscription's confirmation day, a redemption's pay day (epoch days)
 * @param status {@code pending} until confirmed (subscription) or paid (normal redemption), then
 *               {@code confirmed} or {@code paid}; a fast redemption is {@code paid} at once
 */
public record FundRequest(String requestId, Kind kind, long userId, long amount, int day, String status,
                          long createdAt) {
    /** What was asked; {@link #code()} is what snapshots hold (docs/RESULTS.md, stable codes). */
    public enum Kind implements StableCode {
        subscription(0), fastRedemption(1), normalRedemption(2);

        private static final CodeTable<Kind> byCode = new CodeTable<>(values());
        private final int code;

        Kind(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        public static Kind ofCode(int code) {
            return byCode.of(code);
        }
    }

    public static final String pending = "pending";
    public static final String confirmed = "confirmed";
    public static final String paid = "paid";

    FundRequest withStatus(String s) {
        return new FundRequest(requestId, kind, userId, amount, day, s, createdAt);
    }
}

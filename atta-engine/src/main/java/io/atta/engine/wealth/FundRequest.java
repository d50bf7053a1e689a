package io.atta.engine.wealth;

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
    public enum Kind {
        subscription, fastRedemption, normalRedemption
    }

    public static final String pending = "pending";
    public static final String confirmed = "confirmed";
    public static final String paid = "paid";

    FundRequest withStatus(String s) {
        return new FundRequest(requestId, kind, userId, amount, day, s, createdAt);
    }
}

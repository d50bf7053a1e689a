package io.atta.engine.insurance;

/** A policy as the API shows it (times in ns; {@code endsAt} 0: no end). */
public record PolicyView(long id, long userId, String productCode, String kind, long tradeNo, long premium,
                         long startsAt, long endsAt, String status, long claimedAmount, long sharesPaid) {
}

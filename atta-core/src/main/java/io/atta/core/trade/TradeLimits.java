package io.atta.core.trade;

/** The named limits and defaults of merchants and escrow trades (docs/PRODUCTS.md, "Escrow trade"). */
public final class TradeLimits {
    public static final int maxOutTradeNoLength = 64;
    public static final int maxSubjectLength = 256;
    public static final int maxCarrierLength = 64;
    public static final int maxTrackingNoLength = 64;
    public static final int maxReasonLength = 256;
    public static final int maxMerchantNameLength = 128;
    public static final int maxWebhookUrlLength = 2048;
    /** Unpaid trades close after this by default: 15 minutes. */
    public static final int defaultPayTimeoutSeconds = 15 * 60;
    public static final int maxPayTimeoutSeconds = 15 * 24 * 3600;
    /** A refund request the seller leaves unanswered this long is granted: 5 days. */
    public static final long refundAnswerSeconds = 5L * 24 * 3600;
    public static final int maxRefundsPerTrade = 16;
    /** The seller may extend the auto-confirm clock once, by at most this: 30 days. */
    public static final long maxConfirmExtensionSeconds = 30L * 24 * 3600;
    /** The platform fee by default: 0.6 %, in parts per million. */
    public static final int defaultFeeRatePpm = 6_000;
    /** The highest platform fee: 10 %. */
    public static final int maxFeeRatePpm = 100_000;
    /** Most time-driven trade rules one tick applies; the rest wait for the next tick, which follows at once. */
    public static final int maxTradeRulesPerTick = 4096;

    /** An instant trade may be refunded for this long after payment by default: 90 days (about 3 months). */
    public static final long defaultRefundWindowSeconds = 90L * 24 * 3600;
    /** The longest refund window: 3 years. */
    public static final long maxRefundWindowSeconds = 3L * 365 * 24 * 3600;
    /** The longest notify_url or return_url a trade keeps. */
    public static final int maxTradeUrlLength = 1024;
    /** The longest app public key, Base64 X.509 (a 4096-bit RSA key is 736 characters). */
    public static final int maxAppPublicKeyLength = 2048;
    public static final int maxAppNameLength = 128;

    private TradeLimits() {
    }
}

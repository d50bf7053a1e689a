package io.atta.core.risk;

import io.atta.core.Limits;

/** Risk control's named limits, checked at the edge and again when a rule set is applied. */
public final class RiskLimits {
    public static final int maxRules = 64;
    public static final int maxWindows = 4;
    /** Buckets per velocity window: a window of W counts movements of the last W, give or take W / buckets. */
    public static final int bucketsPerWindow = 12;
    public static final long minWindowSeconds = 12;
    public static final long maxWindowSeconds = 30L * 24 * 3600;
    /** Entries of one block list (user, account, device) or parameters of one rule. */
    public static final int maxParams = 4096;
    public static final int maxKycLevel = 3;
    public static final int maxReasonBytes = 48;
    public static final int maxScoreBands = 64;
    public static final int maxReviewHoldSeconds = Limits.maxTimeoutSeconds;
    /** Payee accounts remembered per user (the oldest is forgotten first). */
    public static final int knownPayees = 16;
    /** Devices and address prefixes remembered per user. */
    public static final int knownDevices = 4;

    private RiskLimits() {
    }
}

package io.atta.engine.risk;

import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskLimits;
import io.atta.core.risk.RiskRule;
import io.atta.core.risk.RuleKind;
import io.atta.core.risk.ScoreFeature;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.List;

/**
 * A rule set as the shard runs it: the operator's {@link PutRiskRules}, with block lists as hash
 * sets and windows as bucket widths. {@link #decide} runs every rule against a movement and the
 * user's features, allocation-free; the strongest decision wins and every rule that fired is a
 * reason (docs/RISK.md, Rules).
 */
final class RuleSet {
    static final long secondNs = 1_000_000_000L;

    final PutRiskRules source;
    private final RiskRule[] rules;
    private final RuleKind[] kinds;
    private final LongHashSet[] lists;
    /** Per rule, the index of its velocity window in the features' windows, or -1. */
    private final int[] windowOf;
    /** The features' bucket widths (ns), by window. */
    private final long[] bucketNs;
    /** Reason texts by the rules that fired: few combinations recur, so each text is made once. */
    private final Long2ObjectHashMap<String> reasonTexts = new Long2ObjectHashMap<>();
    private static final int maxReasonTexts = 4096;

    /** @param featureWindowsSeconds the windows the module's features count over */
    RuleSet(PutRiskRules source, long[] featureWindowsSeconds) {
        this.source = source;
        List<RiskRule> list = source.rules();
        int n = list.size();
        this.rules = list.toArray(RiskRule[]::new);
        this.kinds = new RuleKind[n];
        this.lists = new LongHashSet[n];
        this.windowOf = new int[n];
        this.bucketNs = bucketWidths(featureWindowsSeconds);
        for (int i = 0; i < n; i++) {
            RiskRule r = rules[i];
            kinds[i] = r.kind();
            windowOf[i] = -1;
            if (r.kind() == RuleKind.block_user || r.kind() == RuleKind.block_account
                    || r.kind() == RuleKind.block_device) {
                lists[i] = new LongHashSet(Math.max(8, r.paramCount() * 2));
                for (int k = 0; k < r.paramCount(); k++) {
                    lists[i].add(r.param(k));
                }
            } else if (r.kind() == RuleKind.velocity) {
                for (int w = 0; w < featureWindowsSeconds.length; w++) {
                    if (featureWindowsSeconds[w] == r.param(0)) {
                        windowOf[i] = w;
                    }
                }
            }
        }
    }

    static long[] bucketWidths(long[] windowsSeconds) {
        long[] b = new long[windowsSeconds.length];
        for (int w = 0; w < b.length; w++) {
            b[w] = windowsSeconds[w] * secondNs / RiskLimits.bucketsPerWindow;
        }
        return b;
    }

    long version() {
        return source.version();
    }

    /** The reason codes of the rules that fired, comma-separated, in rule order (made once per set of rules). */
    String reasons(long fired) {
        if (fired == 0) {
            return "";
        }
        String known = reasonTexts.get(fired);
        if (known == null) {
            known = reasonText(fired);
            if (reasonTexts.size() < maxReasonTexts) {
                reasonTexts.put(fired, known);
            }
        }
        return known;
    }

    /** As {@link #reasons}, made anew: for readers, which must not touch the apply thread's cache. */
    String reasonText(long fired) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < rules.length; i++) {
            if ((fired & 1L << i) != 0) {
                if (!s.isEmpty()) {
                    s.append(',');
                }
                s.append(rules[i].reason());
            }
        }
        return s.toString();
    }

    /** Runs every rule against the movement and the user's features (as they were before it). */
    void decide(Movement m, UserFeatures f, Outcome out) {
        out.reset();
        long amount = m.ledger == source.ledger() ? m.amount : 0;
        for (int i = 0; i < rules.length; i++) {
            RiskRule r = rules[i];
            boolean fires = switch (kinds[i]) {
                case amount_limit -> amount > r.param(Math.min(f.kycLevel, r.paramCount() - 1));
                case velocity -> overVelocity(r, windowOf[i], m, f, amount);
                case new_payee -> amount > r.param(0) && !f.knowsPayee(m.payeeAccountId);
                case block_user -> lists[i].contains(m.userId);
                case block_account -> lists[i].contains(m.debitAccountId) || lists[i].contains(m.payeeAccountId);
                case block_device -> m.deviceHash != 0 && lists[i].contains(m.deviceHash);
                case block_ip -> m.hasAddress() && inPrefixes(r, m);
                case device_change -> amount > r.param(0) && newDevice(m, f);
                case ip_change -> amount > r.param(0) && m.hasAddress() && f.addressCount > 0
                        && !f.knowsAddressPrefix(m.ipHigh, m.ipLow, (int) r.param(1));
                case scorecard -> scored(r, m, f, amount, out);
            };
            if (fires) {
                out.fire(i, kinds[i] == RuleKind.scorecard ? scoreDecision(r, out.score) : r.decision());
            }
        }
    }

    private boolean overVelocity(RiskRule r, int w, Movement m, UserFeatures f, long amount) {
        if (w < 0) {
            return false;
        }
        long maxCount = r.param(1);
        long maxSum = r.param(2);
        return maxCount > 0 && f.count(w, bucketNs[w], m.ts) + 1L > maxCount
                || maxSum > 0 && UserFeatures.saturatedAdd(f.sum(w, bucketNs[w], m.ts), amount) > maxSum;
    }

    private static boolean inPrefixes(RiskRule r, Movement m) {
        for (int k = 0; k + 2 < r.paramCount(); k += 3) {
            if (AddressPrefix.matches(r.param(k), r.param(k + 1), m.ipHigh, m.ipLow, (int) r.param(k + 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean newDevice(Movement m, UserFeatures f) {
        return m.deviceHash != 0 && f.deviceCount > 0 && !f.knowsDevice(m.deviceHash);
    }

    private static boolean newAddress(Movement m, UserFeatures f) {
        return m.hasAddress() && f.addressCount > 0
                && !f.knowsAddressPrefix(m.ipHigh, m.ipLow, AddressPrefix.networkBits(m.ipHigh, m.ipLow));
    }

    /** Adds the scorecard's points to {@code out.score}; true when the score reaches review. */
    private boolean scored(RiskRule r, Movement m, UserFeatures f, long amount, Outcome out) {
        long score = 0;
        for (int k = 2; k + 3 < r.paramCount(); k += 4) {
            long v = feature((int) r.param(k), m, f, amount);
            if (v >= r.param(k + 1) && v < r.param(k + 2)) {
                score += r.param(k + 3);
            }
        }
        out.score = score;
        return score >= r.param(0);
    }

    private static RiskDecision scoreDecision(RiskRule r, long score) {
        return score >= r.param(1) ? RiskDecision.deny : RiskDecision.review;
    }

    private long feature(int code, Movement m, UserFeatures f, long amount) {
        int last = bucketNs.length - 1;
        return switch (code) {
            case 1 -> amount;
            case 2 -> f.count(0, bucketNs[0], m.ts) + 1L;
            case 3 -> f.count(last, bucketNs[last], m.ts) + 1L;
            case 4 -> f.knowsPayee(m.payeeAccountId) ? 0 : 1;
            case 5 -> newDevice(m, f) ? 1 : 0;
            case 6 -> newAddress(m, f) ? 1 : 0;
            case 7 -> Math.max(0, (m.ts - m.userCreatedAt) / (3600 * secondNs));
            case 8 -> f.recentDenials(m.ts);
            case 9 -> f.kycLevel;
            case 10 -> f.recentNewPayees(m.ts) + (f.knowsPayee(m.payeeAccountId) ? 0 : 1L);
            default -> throw new IllegalStateException("unchecked score feature " + ScoreFeature.ofCode(code));
        };
    }
}

package io.atta.core.risk;

import static io.atta.core.command.CommandFields.getBoolean;
import static io.atta.core.command.CommandFields.getText;
import static io.atta.core.command.CommandFields.putBoolean;
import static io.atta.core.command.CommandFields.putText;
import static io.atta.core.command.CommandFields.textBytes;

import io.atta.core.command.CommandFamily;
import io.atta.core.command.CommandType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Risk control's commands and their binary form (codes 140–142 of its 140–154). */
public final class RiskFamily implements CommandFamily {
    private static final int shadowBit = 1;
    private static final int operatorBit = 2;

    @Override
    public String name() {
        return "risk";
    }

    @Override
    public List<CommandType<?>> types() {
        return List.of(
                new CommandType<>(140, PutRiskRules.class, RiskFamily::rulesBytes, RiskFamily::putRules,
                        RiskFamily::getRules),
                new CommandType<>(141, SetKycLevel.class, k -> 8 + 4 + 8,
                        (k, b) -> b.putLong(k.userId()).putInt(k.level()).putLong(k.actingKeyId()),
                        b -> new SetKycLevel(b.getLong(), b.getInt(), b.getLong())),
                new CommandType<>(142, DecideReview.class, d -> 8 + 1 + 8,
                        (d, b) -> {
                            putBoolean(b.putLong(d.reviewId()), d.approve());
                            b.putLong(d.actingKeyId());
                        },
                        b -> new DecideReview(b.getLong(), getBoolean(b), b.getLong())));
    }

    private static int rulesBytes(PutRiskRules p) {
        int n = 8 + 1 + 4 + 4 + 8 * p.windowsSeconds().length + 4 + 8 + 4;
        for (RiskRule r : p.rules()) {
            n += 1 + 1 + textBytes(r.reason()) + 4 + 8 * r.paramCount();
        }
        return n;
    }

    private static void putRules(PutRiskRules p, ByteBuffer b) {
        b.putLong(p.version());
        b.put((byte) ((p.shadow() ? shadowBit : 0) | (p.operatorTransfers() ? operatorBit : 0)));
        b.putInt(p.ledger());
        long[] w = p.windowsSeconds();
        b.putInt(w.length);
        for (long s : w) {
            b.putLong(s);
        }
        b.putInt(p.reviewHoldSeconds()).putLong(p.actingKeyId()).putInt(p.rules().size());
        for (RiskRule r : p.rules()) {
            b.put((byte) r.kind().code()).put((byte) r.decision().code());
            putText(b, r.reason());
            b.putInt(r.paramCount());
            for (int i = 0; i < r.paramCount(); i++) {
                b.putLong(r.param(i));
            }
        }
    }

    private static PutRiskRules getRules(ByteBuffer b) {
        long version = b.getLong();
        int modes = b.get();
        if ((modes & ~(shadowBit | operatorBit)) != 0) {
            throw new IllegalStateException("corrupt batch: rule set modes " + modes);
        }
        int ledger = b.getInt();
        long[] w = new long[count(b, 8)];
        for (int i = 0; i < w.length; i++) {
            w[i] = b.getLong();
        }
        int hold = b.getInt();
        long key = b.getLong();
        int n = count(b, 6);
        List<RiskRule> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RuleKind kind = RuleKind.ofCode(b.get());
            RiskDecision decision = RiskDecision.ofCode(b.get());
            String reason = getText(b);
            long[] params = new long[count(b, 8)];
            for (int k = 0; k < params.length; k++) {
                params[k] = b.getLong();
            }
            rules.add(new RiskRule(kind, decision, reason, params));
        }
        return new PutRiskRules(version, (modes & shadowBit) != 0, (modes & operatorBit) != 0, ledger, w, hold, rules,
                key);
    }

    private static int count(ByteBuffer b, int bytesEach) {
        int n = b.getInt();
        if (n < 0 || (long) n * bytesEach > b.remaining()) {
            throw new IllegalStateException("corrupt batch: a risk rule set's count " + n);
        }
        return n;
    }
}

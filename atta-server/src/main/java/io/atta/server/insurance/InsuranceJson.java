package io.atta.server.insurance;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.insurance.CreateInsuranceProduct;
import io.atta.core.insurance.InsuranceKind;
import io.atta.core.insurance.PremiumPayer;
import io.atta.engine.insurance.ClaimView;
import io.atta.engine.insurance.PolicyView;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.math.BigDecimal;

/** Products, policies and claims as the API shows them (docs/API.md, Insurance). */
final class InsuranceJson {
    private InsuranceJson() {
    }

    static void product(JsonGenerator g, CreateInsuranceProduct p) throws IOException {
        Currency c = Currency.ofLedger(p.ledger());
        InsuranceKind kind = InsuranceKind.ofCode(p.kind());
        g.writeStringField("code", p.code());
        g.writeStringField("name", p.name());
        g.writeStringField("insurer", p.insurerCode());
        g.writeStringField("kind", kind.name());
        g.writeStringField("currency", c.name());
        if (p.premiumRatePpm() == 0) {
            g.writeStringField("premium", Amounts.format(p.premiumFixed(), c));
        } else {
            g.writeStringField("premium_rate", BigDecimal.valueOf(p.premiumRatePpm(), 6).stripTrailingZeros()
                    .toPlainString());
            g.writeStringField("premium_min", Amounts.format(p.premiumMin(), c));
            g.writeStringField("premium_max", Amounts.format(p.premiumMax(), c));
        }
        if (kind == InsuranceKind.return_shipping) {
            g.writeStringField("payer", PremiumPayer.ofCode(p.payer()).name());
        }
        g.writeStringField("coverage", Amounts.format(p.coverage(), c));
        if (kind != InsuranceKind.return_shipping) {
            g.writeNumberField("claim_window_hours", p.claimWindowSeconds() / 3600);
        }
        if (kind == InsuranceKind.account_security) {
            g.writeNumberField("term_days", p.termSeconds() / 86_400);
        }
        if (kind == InsuranceKind.mutual_aid) {
            g.writeNumberField("period_days", p.periodSeconds() / 86_400);
            g.writeStringField("first_period_starts_at", ValueText.instant(p.startsAt()));
        }
    }

    static void policy(JsonGenerator g, PolicyView p, Currency c) throws IOException {
        g.writeStringField("policy_id", Long.toString(p.id()));
        g.writeStringField("user_id", Long.toString(p.userId()));
        g.writeStringField("product", p.productCode());
        g.writeStringField("kind", p.kind());
        if (p.tradeNo() != 0) {
            g.writeStringField("trade_no", Long.toString(p.tradeNo()));
        }
        g.writeStringField("premium", Amounts.format(p.premium(), c));
        g.writeStringField("starts_at", ValueText.instant(p.startsAt()));
        if (p.endsAt() == 0) {
            g.writeNullField("ends_at");
        } else {
            g.writeStringField("ends_at", ValueText.instant(p.endsAt()));
        }
        g.writeStringField("status", p.status());
        g.writeStringField("claimed", Amounts.format(p.claimedAmount(), c));
        if (p.kind().equals(InsuranceKind.mutual_aid.name())) {
            g.writeStringField("shares_paid", Amounts.format(p.sharesPaid(), c));
        }
    }

    static void claim(JsonGenerator g, ClaimView v, Currency c) throws IOException {
        g.writeStringField("claim_id", Long.toString(v.id()));
        g.writeStringField("policy_id", Long.toString(v.policyId()));
        g.writeStringField("user_id", Long.toString(v.userId()));
        g.writeStringField("amount", Amounts.format(v.amount(), c));
        g.writeStringField("loss_at", ValueText.instant(v.lossAt()));
        g.writeStringField("reported_at", ValueText.instant(v.reportedAt()));
        g.writeStringField("description", v.description());
        g.writeStringField("status", v.status());
        optionalTime(g, "decided_at", v.decidedAt());
        if (!v.reason().isEmpty()) {
            g.writeStringField("reason", v.reason());
        }
        optionalTime(g, "paid_at", v.paidAt());
        if (v.transferId() == 0) {
            g.writeNullField("transfer_id");
        } else {
            g.writeStringField("transfer_id", Long.toString(v.transferId()));
        }
    }

    private static void optionalTime(JsonGenerator g, String name, long nanos) throws IOException {
        if (nanos == 0) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, ValueText.instant(nanos));
        }
    }
}

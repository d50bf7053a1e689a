package io.atta.server.lending;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.command.Result;
import io.atta.core.lending.Installment;
import io.atta.core.lending.RepaymentMethod;
import io.atta.engine.lending.LenderView;
import io.atta.engine.lending.LoanQuote;
import io.atta.engine.lending.LoanView;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The JSON of lenders, quotes, loans and repayments (docs/LOANS.md, API). */
final class LoanJson {
    private LoanJson() {
    }

    /** A daily rate as the API shows it: a percentage, {@code 50000} is {@code "0.05%"}. */
    static String rate(long dailyRate) {
        return BigDecimal.valueOf(dailyRate, 6).stripTrailingZeros().toPlainString() + "%";
    }

    static String date(int day) {
        return LocalDate.ofEpochDay(day).toString();
    }

    /** A lender summed over every shard, each shard's part under {@code shards} (null: not there yet). */
    static void lender(JsonGenerator g, List<LenderView> views) throws IOException {
        LenderView first = null;
        long available = 0;
        long deposited = 0;
        long exposure = 0;
        long interest = 0;
        long penalties = 0;
        long loans = 0;
        for (LenderView v : views) {
            if (v == null) {
                continue;
            }
            first = first == null ? v : first;
            available = Math.addExact(available, v.available());
            deposited = Math.addExact(deposited, v.deposited());
            exposure = Math.addExact(exposure, v.exposure());
            interest = Math.addExact(interest, v.interestReceived());
            penalties = Math.addExact(penalties, v.penaltiesReceived());
            loans += v.loans();
        }
        Currency c = Currency.ofLedger(first.ledger());
        g.writeStringField("lender_id", Long.toString(first.lenderId()));
        g.writeStringField("name", first.name());
        g.writeStringField("currency", c.name());
        g.writeStringField("created_at", ValueText.instant(first.createdAt()));
        g.writeStringField("funding_available", Amounts.format(available, c));
        g.writeStringField("deposited", Amounts.format(deposited, c));
        g.writeStringField("exposure", Amounts.format(exposure, c));
        g.writeStringField("interest_received", Amounts.format(interest, c));
        g.writeStringField("penalties_received", Amounts.format(penalties, c));
        g.writeStringField("income", Amounts.format(Math.addExact(interest, penalties), c));
        g.writeNumberField("loans", loans);
        g.writeArrayFieldStart("shards");
        for (int s = 0; s < views.size(); s++) {
            LenderView v = views.get(s);
            g.writeStartObject();
            g.writeNumberField("shard", s);
            if (v != null) {
                g.writeStringField("funding_account_id", Long.toString(v.fundingAccount()));
                g.writeStringField("income_account_id", Long.toString(v.incomeAccount()));
                g.writeStringField("funding_available", Amounts.format(v.available(), c));
                g.writeStringField("exposure", Amounts.format(v.exposure(), c));
                g.writeStringField("income", Amounts.format(v.interestReceived() + v.penaltiesReceived(), c));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void quote(JsonGenerator g, long user, long amount, int months, RepaymentMethod method, LoanQuote q,
                      Currency c) throws IOException {
        g.writeStringField("user_id", Long.toString(user));
        g.writeStringField("amount", Amounts.format(amount, c));
        g.writeStringField("currency", c.name());
        g.writeNumberField("months", months);
        g.writeStringField("method", method.name());
        g.writeNumberField("score", q.score());
        g.writeNumberField("rate_table_version", q.rateVersion());
        g.writeStringField("daily_rate", rate(q.dailyRate()));
        g.writeStringField("max_amount", Amounts.format(q.maxPrincipal(), c));
        g.writeStringField("disbursed_date", date(q.day()));
        long interest = 0;
        g.writeArrayFieldStart("schedule");
        for (Installment i : q.schedule()) {
            g.writeStartObject();
            g.writeNumberField("n", i.n());
            g.writeStringField("due_date", date(i.dueDay()));
            g.writeStringField("principal", Amounts.format(i.principal(), c));
            g.writeStringField("interest", Amounts.format(i.interest(), c));
            g.writeStringField("total", Amounts.format(i.total(), c));
            g.writeEndObject();
            interest += i.interest();
        }
        g.writeEndArray();
        g.writeStringField("total_interest", Amounts.format(interest, c));
        g.writeStringField("total", Amounts.format(amount + interest, c));
    }

    static void loan(JsonGenerator g, LoanView v) throws IOException {
        loanFields(g, v);
    }

    static void loanFields(JsonGenerator g, LoanView v) throws IOException {
        Currency c = Currency.ofLedger(v.ledger());
        g.writeStringField("loan_id", Long.toString(v.loanId()));
        g.writeStringField("user_id", Long.toString(v.userId()));
        g.writeStringField("lender_id", Long.toString(v.lenderId()));
        g.writeStringField("request_id", v.requestId());
        g.writeStringField("status", v.status());
        g.writeStringField("amount", Amounts.format(v.principal(), c));
        g.writeStringField("currency", c.name());
        g.writeNumberField("months", v.months());
        g.writeStringField("method", v.method().name());
        g.writeStringField("daily_rate", rate(v.dailyRate()));
        g.writeNumberField("score", v.score());
        g.writeNumberField("rate_table_version", v.rateVersion());
        g.writeStringField("disbursed_at", ValueText.instant(v.disbursedAt()));
        g.writeStringField("disbursed_date", date(v.disbursedDay()));
        if (v.closedAt() != 0) {
            g.writeStringField("closed_at", ValueText.instant(v.closedAt()));
        }
        g.writeStringField("as_of_date", date(v.day()));
        g.writeStringField("outstanding_principal", Amounts.format(v.outstanding(), c));
        g.writeStringField("owed_today", Amounts.format(v.owedToday(), c));
        g.writeStringField("payoff_today", Amounts.format(v.payoffToday(), c));
        long penalties = 0;
        g.writeArrayFieldStart("schedule");
        for (LoanView.InstallmentView i : v.installments()) {
            g.writeStartObject();
            g.writeNumberField("n", i.n());
            g.writeStringField("due_date", date(i.dueDay()));
            g.writeStringField("principal", Amounts.format(i.principal(), c));
            g.writeStringField("interest", Amounts.format(i.interest(), c));
            g.writeStringField("total", Amounts.format(i.principal() + i.interest(), c));
            g.writeStringField("state", i.state());
            g.writeStringField("interest_charged", Amounts.format(i.interestCharged(), c));
            g.writeStringField("penalty", Amounts.format(i.penalty(), c));
            g.writeStringField("principal_paid", Amounts.format(i.principalPaid(), c));
            g.writeStringField("interest_paid", Amounts.format(i.interestPaid(), c));
            g.writeStringField("penalty_paid", Amounts.format(i.penaltyPaid(), c));
            g.writeStringField("owed", Amounts.format(i.owed(), c));
            g.writeEndObject();
            penalties += i.penalty();
        }
        g.writeEndArray();
        g.writeStringField("penalties", Amounts.format(penalties, c));
        g.writeArrayFieldStart("repayments");
        for (LoanView.RepaymentView r : v.repayments()) {
            g.writeStartObject();
            repaymentFields(g, r, c);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void repaymentFields(JsonGenerator g, LoanView.RepaymentView r, Currency c) throws IOException {
        g.writeStringField("request_id", r.requestId());
        g.writeStringField("kind", r.prepay() ? "prepayment" : "repayment");
        g.writeStringField("amount", Amounts.format(r.amount(), c));
        g.writeStringField("penalty", Amounts.format(r.penalty(), c));
        g.writeStringField("interest", Amounts.format(r.interest(), c));
        g.writeStringField("principal", Amounts.format(r.principal(), c));
        g.writeStringField("created_at", ValueText.instant(r.createdAt()));
    }

    /** A repayment's reply: what it paid, how, and the loan after it. */
    static void repayment(JsonGenerator g, LoanView v, String requestId, Result r) throws IOException {
        Currency c = Currency.ofLedger(v.ledger());
        g.writeStringField("result", r.apiName());
        for (LoanView.RepaymentView p : v.repayments()) {
            if (p.requestId().equals(requestId)) {
                repaymentFields(g, p, c);
            }
        }
        g.writeObjectFieldStart("loan");
        loanFields(g, v);
        g.writeEndObject();
    }
}

package io.atta.server.lending;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.Ids;
import io.atta.core.auth.Role;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.lending.LoanLimits;
import io.atta.core.lending.LoanResults;
import io.atta.core.lending.RepayLoan;
import io.atta.core.lending.RepaymentMethod;
import io.atta.core.lending.TakeLoan;
import io.atta.engine.lending.LendingModule;
import io.atta.engine.lending.LoanQuote;
import io.atta.engine.lending.LoanReads;
import io.atta.engine.lending.LoanView;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Loans (docs/LOANS.md): quotes, borrowing, repayments and prepayments on the borrower's shard,
 * and the loans as they stand today. A user acts for itself, an operator for anyone; a lender's
 * key reads the loans it funded.
 */
final class LoanApi {
    private static final Set<String> quoteFields = Set.of("amount", "months", "method");
    private static final Set<String> takeFields = Set.of("amount", "months", "method", "request_id", "lender_id");
    private static final Set<String> repayFields = Set.of("amount", "request_id");
    private static final Set<String> prepayFields = Set.of("request_id");

    private final ServerLedger ledger;

    LoanApi(ServerLedger ledger) {
        this.ledger = ledger;
    }

    /** The terms of a quote or a loan, checked at the edge against the loans' limits. */
    private record Terms(long amount, int months, RepaymentMethod method) {
        static Terms of(Fields body, Currency currency) {
            long amount = body.positiveAmount("amount", currency);
            if (amount < LoanLimits.minPrincipal || amount > LoanLimits.maxPrincipal) {
                throw ApiException.invalidField("amount", "must be " + Amounts.format(LoanLimits.minPrincipal, currency)
                        + " to " + Amounts.format(LoanLimits.maxPrincipal, currency) + " (minPrincipal, maxPrincipal)");
            }
            if (!body.has("months")) {
                throw ApiException.missingField("months");
            }
            int months = body.integer("months", LoanLimits.minMonths, LoanLimits.maxMonths, 0, "maxMonths");
            RepaymentMethod method = RepaymentMethod.ofName(body.string("method"));
            if (method == null) {
                throw ApiException.invalidField("method",
                        "must be \"equal_installment\", \"equal_principal\" or \"interest_first\"");
            }
            return new Terms(amount, months, method);
        }
    }

    /** {@code POST /v1/users/{id}/loans/quote}: the rate and the full schedule a loan would get now, borrowing nothing. */
    CompletableFuture<Reply> quote(ApiCall call) {
        long user = actingFor(call, call.pathId("id"));
        Fields body = Fields.of(Json.object(call.body(), false), "", quoteFields);
        return currencyOf(user).thenCompose(currency -> {
            Terms t = Terms.of(body, currency);
            long now = ledger.now();
            return ledger.read(user, l -> l.module(LendingModule.class).reads().quote(user, t.amount(), t.months(),
                    t.method(), now)).thenApply(q -> {
                refuseQuote(q, currency);
                return Reply.ok(g -> LoanJson.quote(g, user, t.amount(), t.months(), t.method(), q, currency));
            });
        });
    }

    /** {@code POST /v1/users/{id}/loans}: 201 with the loan, disbursed into the wallet; the same request_id again is 200. */
    CompletableFuture<Reply> take(ApiCall call) {
        long user = actingFor(call, call.pathId("id"));
        Fields body = Fields.of(Json.object(call.body(), false), "", takeFields);
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        long lenderId = body.has("lender_id") ? body.id("lender_id") : 0;
        return currencyOf(user).thenCompose(currency -> {
            Terms t = Terms.of(body, currency);
            TakeLoan c = new TakeLoan(user, requestId, lenderId, t.amount(), t.months(), t.method());
            return submit(ledger.shardOf(user), c).thenCompose(r -> {
                if (r == LoanResults.loan_limit_exceeded || r == LoanResults.score_too_low) {
                    long now = ledger.now();
                    return ledger.read(user, l -> l.module(LendingModule.class).reads().quote(user, t.amount(),
                            t.months(), t.method(), now)).thenApply(q -> {
                        refuseQuote(q, currency);
                        throw ApiException.refused(r);
                    });
                }
                if (r == LoanResults.lender_not_found) {
                    throw new ApiException(404, "not_found", "no lender " + lenderId, "lender_id");
                }
                if (r == Result.exists_with_different_fields) {
                    throw new ApiException(409, r.apiName(), "request_id " + requestId
                            + " was used for a loan with other terms", "request_id");
                }
                if (r != Result.ok && r != Result.exists) {
                    throw ApiException.refused(r);
                }
                long loanId = LoanReads.loanIdOf(user, requestId);
                return loan(loanId).thenApply(v -> Reply.object(r == Result.ok ? 201 : 200, g -> LoanJson.loan(g, v)));
            });
        });
    }

    /** {@code GET /v1/users/{id}/loans}: the user's loans, oldest first. */
    CompletableFuture<Reply> listOfUser(ApiCall call) {
        long user = actingFor(call, call.pathId("id"));
        long now = ledger.now();
        return ledger.read(user, l -> l.user(user) == null ? null
                : l.module(LendingModule.class).reads().loansOf(user, now)).thenApply((List<LoanView> loans) -> {
            if (loans == null) {
                throw ApiException.notFound("no user " + user);
            }
            return Reply.ok(g -> {
                g.writeStringField("user_id", Long.toString(user));
                g.writeArrayFieldStart("loans");
                for (LoanView v : loans) {
                    g.writeStartObject();
                    LoanJson.loanFields(g, v);
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    /** {@code GET /v1/loans/{loan_id}}: the borrower, the lender's keys, operators. */
    CompletableFuture<Reply> get(ApiCall call) {
        long loanId = loanInPath(call);
        return loan(loanId).thenApply(v -> {
            boolean lender = call.caller().role() == Role.lender && call.caller().ownerId() == v.lenderId();
            if (!lender && !call.caller().mayActFor(v.userId())) {
                throw ApiException.forbidden("this key may not read loan " + loanId, null);
            }
            return Reply.ok(g -> LoanJson.loan(g, v));
        });
    }

    /** {@code POST /v1/loans/{loan_id}/repayments}: pays what is owed today, in the spec's order. */
    CompletableFuture<Reply> repay(ApiCall call) {
        return pay(call, false);
    }

    /** {@code POST /v1/loans/{loan_id}/prepay}: pays everything, with interest only for the days of the current month. */
    CompletableFuture<Reply> prepay(ApiCall call) {
        return pay(call, true);
    }

    /** A repayment (or the prepayment) by the borrower or an operator. */
    private CompletableFuture<Reply> pay(ApiCall call, boolean prepay) {
        long loanId = loanInPath(call);
        Fields body = Fields.of(Json.object(call.body(), false), "", prepay ? prepayFields : repayFields);
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        return loan(loanId).thenCompose(before -> {
            actingFor(call, before.userId());
            long amount = prepay ? 0 : body.positiveAmount("amount", Currency.ofLedger(before.ledger()));
            return pay(before, new RepayLoan(loanId, requestId, amount, prepay));
        });
    }

    private CompletableFuture<Reply> pay(LoanView before, RepayLoan c) {
        Currency currency = Currency.ofLedger(before.ledger());
        return submit(ledger.shardOf(c.loanId()), c).thenCompose(r -> {
            if (r == LoanResults.repayment_exceeds_owed) {
                throw new ApiException(409, r.apiName(), "more than the " + Amounts.format(before.owedToday(), currency)
                        + " owed today; paying ahead is POST /v1/loans/{loan_id}/prepay", "amount");
            }
            if (r == Result.exists_with_different_fields) {
                throw new ApiException(409, r.apiName(), "request_id " + c.requestId()
                        + " was used for another repayment of this loan", "request_id");
            }
            if (r != Result.ok && r != Result.exists) {
                throw ApiException.refused(r);
            }
            return loan(c.loanId()).thenApply(v -> Reply.object(r == Result.ok ? 201 : 200,
                    g -> LoanJson.repayment(g, v, c.requestId(), r)));
        });
    }

    /** The loan as it stands now, or a future failed with 404. */
    private CompletableFuture<LoanView> loan(long loanId) {
        long now = ledger.now();
        return ledger.read(loanId, l -> l.module(LendingModule.class).reads().loan(loanId, now)).thenApply(v -> {
            if (v == null) {
                throw ApiException.notFound("no loan " + loanId);
            }
            return v;
        });
    }

    /** The user's wallet currency, or a future failed with 404. */
    private CompletableFuture<Currency> currencyOf(long user) {
        return ledger.read(user, l -> {
            var u = l.user(user);
            return u == null ? null : Currency.ofLedger(l.account(u.walletAccountId()).ledger());
        }).thenApply(c -> {
            if (c == null) {
                throw ApiException.notFound("no user " + user);
            }
            return c;
        });
    }

    /** A quote the rules refuse: 409 naming the score, or the amount and the limit of the score's band. */
    private static void refuseQuote(LoanQuote q, Currency currency) {
        if (q.result() == Result.user_not_found) {
            throw ApiException.notFound("user not found");
        }
        if (q.result() == LoanResults.score_too_low) {
            throw new ApiException(409, q.result().apiName(), "a credit score of " + q.score()
                    + " is below the 600 loans need (rate table v" + q.rateVersion() + ")", null);
        }
        if (q.result() == LoanResults.loan_limit_exceeded) {
            throw new ApiException(409, q.result().apiName(), "a credit score of " + q.score() + " borrows at most "
                    + Amounts.format(q.maxPrincipal(), currency) + " (rate table v" + q.rateVersion() + ")", "amount");
        }
        if (q.result() != Result.ok) {
            throw ApiException.refused(q.result());
        }
    }

    private static long loanInPath(ApiCall call) {
        long id = call.pathId("loan_id");
        if (!Ids.isPlatformId(id)) {
            throw ApiException.notFound("no loan " + id);
        }
        return id;
    }

    private static long actingFor(ApiCall call, long user) {
        if (!call.caller().mayActFor(user)) {
            throw ApiException.forbidden("this key may not act on user " + user, null);
        }
        return user;
    }

    private CompletableFuture<Result> submit(int shard, Command c) {
        return ledger.submit(shard, new Command[] {c}).thenApply(rs -> rs[0]);
    }
}

package io.atta.server.payments;

import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.Funding;
import io.atta.core.command.ClientContext;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.FundWallet;
import io.atta.core.command.FundedTransfer;
import io.atta.core.command.Result;
import io.atta.core.risk.RiskResults;
import io.atta.engine.risk.DecisionRecord;
import io.atta.engine.risk.RiskModule;
import io.atta.server.auth.Caller;
import io.atta.server.http.ApiCall;
import io.atta.server.http.ApiException;
import io.atta.server.http.Reply;
import io.atta.server.http.ServerLedger;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;
import io.atta.server.risk.ClientContexts;
import io.atta.server.risk.DecisionJson;
import io.atta.server.risk.RiskReplies;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * P2P payments: money from one user's wallet to another's (docs/API.md, Payments). A payment
 * between users on one shard is a plain transfer on that shard; between shards it is a
 * cross-shard transaction. Either way its transfer id comes from (payer, request id), so a
 * retried request pays once, and {@link P2pStatusReader} finds it again by the request id.
 */
public final class P2pApi {
    private static final Set<String> payFields = Set.of("from_user_id", "to_user_id", "amount", "currency",
            "request_id", "funding_source");
    private static final Set<String> statusQuery = Set.of("from_user_id");

    private final ServerLedger ledger;
    private final WalletDirectory wallets;
    private final P2pStatusReader status;
    private final P2pList list;

    public P2pApi(ServerLedger ledger) {
        this.ledger = ledger;
        this.wallets = new WalletDirectory(ledger);
        this.status = new P2pStatusReader(ledger, wallets);
        this.list = new P2pList(ledger, wallets);
    }

    /** {@code POST /v1/payments/p2p}. */
    public CompletableFuture<Reply> pay(ApiCall call) {
        Fields body = Fields.of(Json.object(call.body(), false), "", payFields);
        long from = body.id("from_user_id");
        Caller caller = call.caller();
        if (!caller.mayActFor(from)) {
            throw ApiException.forbidden("this key may not pay from user " + from, "from_user_id");
        }
        long to = body.id("to_user_id");
        Currency currency = body.currency("currency");
        long amount = body.positiveAmount("amount", currency);
        String requestId = ValueText.requestId(body.string("request_id"), "request_id");
        long transferId = P2pTransferId.of(from, requestId);
        Funding funding = body.funding("funding_source");
        ClientContext context = ClientContexts.of(call, from);
        return wallets.walletOf(from, "from_user_id").thenCombine(wallets.walletOf(to, "to_user_id"),
                (fromWallet, toWallet) -> new CreateTransfer(transferId, fromWallet, toWallet, amount,
                        currency.ledger(), P2pTransferId.transferCode, 0, 0, 0, to, caller.actingUserId(), context))
                .thenCompose(t -> {
                    boolean crossShard = ledger.shardOf(t.debitAccountId()) != ledger.shardOf(t.creditAccountId());
                    CompletableFuture<Result[]> applied = submit(t, from, funding, crossShard);
                    return applied.thenCompose(rs -> {
                        Result r = rs[0];
                        if (r == Result.ok) {
                            return CompletableFuture.completedFuture(new Answer(r, null));
                        }
                        if (r != Result.exists && r != RiskResults.risk_denied && r != RiskResults.risk_review) {
                            throw ApiException.refused(r);
                        }
                        return ledger.read(transferId, l -> l.module(RiskModule.class).decision(transferId))
                                .thenApply(d -> {
                                    if (d == null && r != Result.exists) {
                                        throw ApiException.refused(r);
                                    }
                                    return new Answer(r, d);
                                });
                    }).thenApply(answer -> {
                        DecisionRecord decision = answer.decision();
                        RiskReplies.Outcome outcome = RiskReplies.outcome(decision);
                        if (outcome == RiskReplies.Outcome.refused) {
                            return RiskReplies.refused(decision);
                        }
                        return Reply.object(outcome == RiskReplies.Outcome.held ? 202 : 200, g -> {
                            g.writeStringField("request_id", requestId);
                            g.writeStringField("transfer_id", Long.toString(transferId));
                            g.writeStringField("from_user_id", Long.toString(from));
                            g.writeStringField("to_user_id", Long.toString(to));
                            g.writeStringField("amount", Amounts.format(amount, currency));
                            g.writeStringField("currency", currency.name());
                            g.writeStringField("result", outcome == RiskReplies.Outcome.held
                                    ? RiskResults.risk_review.apiName() : answer.result().apiName());
                            g.writeBooleanField("cross_shard", crossShard);
                            if (decision != null) {
                                DecisionJson.writeRiskField(g, decision);
                            }
                        });
                    });
                });
    }

    /** What the shard answered a payment, and risk control's decision on it when one was read. */
    private record Answer(Result result, DecisionRecord decision) {
    }

    /**
     * The payment on the payer's shard, or as a cross-shard transaction. Paid by a source other
     * than the wallet: between users of one shard, the source's funding and the transfer are one
     * command; across shards, the source first puts the amount into the payer's wallet (once per
     * payment: a retry funds nothing more), then the transaction moves it (docs/API.md, Payments).
     */
    private CompletableFuture<Result[]> submit(CreateTransfer t, long from, Funding funding, boolean crossShard) {
        int payerShard = ledger.shardOf(t.debitAccountId());
        if (funding == Funding.wallet) {
            return crossShard ? ledger.transact(new CreateTransfer[] {t})
                    : ledger.submit(payerShard, new Command[] {t});
        }
        if (!crossShard) {
            return ledger.submit(payerShard, new Command[] {new FundedTransfer(funding.code(), t)});
        }
        FundWallet fund = new FundWallet(funding.code(), from, t.amount(), t.ledger(), t.id());
        return ledger.submit(payerShard, new Command[] {fund}).thenCompose(rs -> rs[0] == Result.ok
                || rs[0] == Result.exists ? ledger.transact(new CreateTransfer[] {t})
                : CompletableFuture.completedFuture(rs));
    }

    /**
     * {@code GET /v1/payments/p2p/{request_id}}: a user asks about its own payments; the admin
     * names the payer with {@code ?from_user_id=}.
     */
    public CompletableFuture<Reply> get(ApiCall call) {
        String requestIdText = call.pathText("request_id");
        String requestId = ValueText.requestId(requestIdText, "request_id");
        String fromText = call.query("from_user_id", statusQuery);
        Caller caller = call.caller();
        long from;
        if (fromText != null) {
            from = ValueText.id(fromText, "from_user_id");
            if (!caller.mayActFor(from)) {
                throw ApiException.forbidden("this key may not see payments of user " + from, "from_user_id");
            }
        } else if (caller.isAdmin()) {
            throw ApiException.missingField("from_user_id");
        } else {
            from = caller.userId();
        }
        return status.read(from, requestId);
    }

    /** {@code GET /v1/payments/p2p?user_id=&as=payer|payee&limit=&after=}: a user's payments, newest first. */
    public CompletableFuture<Reply> list(ApiCall call) {
        return list.list(call);
    }
}

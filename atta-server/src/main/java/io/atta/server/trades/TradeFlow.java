package io.atta.server.trades;

import io.atta.core.Currency;
import io.atta.core.Funding;
import io.atta.core.command.BindTradeBuyer;
import io.atta.core.command.Command;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeKind;
import io.atta.core.trade.TradeNames;
import io.atta.core.trade.TradeOp;
import io.atta.server.auth.Caller;
import io.atta.server.http.PerShard;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.merchants.MerchantDirectory.KnownMerchant;
import io.atta.server.payments.WalletDirectory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The write path of escrow trades, for a batch of any size (a single-item endpoint is a batch of
 * one): the reads a step needs are grouped per shard and kept where the record never changes
 * (merchants, wallets, bound orders), and each step's commands go as one submit per shard.
 * A refusal is an item's result, whether the edge finds it (no such trade) or the ledger does.
 */
final class TradeFlow {
    private final ServerLedger ledger;
    private final MerchantDirectory merchants;
    private final WalletDirectory wallets;
    private final OrderDirectory orders;
    private final long refundWindowSeconds;
    private final PayCrashPoints crashes;
    private final TradeOpening opening;

    /**
     * @param refundWindowSeconds how long an instant trade may be refunded after payment
     * @param crashes             where a payment stops, in crash tests
     */
    TradeFlow(ServerLedger ledger, MerchantDirectory merchants, WalletDirectory wallets, OrderDirectory orders,
              long refundWindowSeconds, PayCrashPoints crashes) {
        this.refundWindowSeconds = refundWindowSeconds;
        this.crashes = crashes;
        this.ledger = ledger;
        this.merchants = merchants;
        this.wallets = wallets;
        this.orders = orders;
        this.opening = new TradeOpening(ledger, merchants, wallets, refundWindowSeconds, crashes);
    }

    /**
     * A trade to create, checked at the edge. Its number is the name number of its out_trade_no
     * for an order without a buyer, else placed on the buyer's shard ({@link TradeNames#placed}).
     */
    record NewTrade(long nameNo, long sellerId, String outTradeNo, long buyerUserId, long amount, Currency currency,
                    String subject, GoodsType goodsType, int payTimeoutSeconds, TradeKind kind, long appId,
                    String notifyUrl, String returnUrl, Funding funding) {
        /** An escrow trade of the REST API. */
        NewTrade(long nameNo, long sellerId, String outTradeNo, long buyerUserId, long amount, Currency currency,
                 String subject, GoodsType goodsType, int payTimeoutSeconds) {
            this(nameNo, sellerId, outTradeNo, buyerUserId, amount, currency, subject, goodsType, payTimeoutSeconds,
                    TradeKind.escrow, 0, "", "", Funding.wallet);
        }

        /** The trade paid by {@code f} when it is created and paid at once. */
        NewTrade fundedBy(Funding f) {
            return new NewTrade(nameNo, sellerId, outTradeNo, buyerUserId, amount, currency, subject, goodsType,
                    payTimeoutSeconds, kind, appId, notifyUrl, returnUrl, f);
        }

        long tradeNo() {
            return TradeNames.placed(nameNo, buyerUserId);
        }
    }

    /** A buyer paying a trade, from its wallet or another {@link Funding}. */
    record Payment(long tradeNo, long buyerUserId, Funding funding) {
        Payment(long tradeNo, long buyerUserId) {
            this(tradeNo, buyerUserId, Funding.wallet);
        }
    }

    /** An action on a bound trade (see {@link TradeOp}); unused fields 0 or empty. */
    record Action(long tradeNo, TradeOp op, long refundId, long amount, String text1, String text2) {
    }

    /** An item's outcome, and its order's terms when they were found. */
    record Answer(Result result, OrderTerms order) {
    }

    OrderDirectory orders() {
        return orders;
    }

    /**
     * Creates trades: one without a buyer on the shard its name number names, one with a buyer on
     * the buyer's shard after its name's claim ({@link TradeOpening}).
     */
    CompletableFuture<Result[]> create(List<NewTrade> items) {
        return opening.create(items);
    }

    /** Opens trades for their buyers and pays them in one log entry each ({@link TradeOpening#createAndPay}). */
    CompletableFuture<Result[][]> createAndPay(List<NewTrade> items) {
        return opening.createAndPay(items);
    }

    /** {@link #createAndPay} of one trade. */
    CompletableFuture<Result[]> createAndPay(NewTrade t) {
        return opening.createAndPay(List.of(t)).thenApply(rs -> rs[0]);
    }

    /**
     * Pays trades: an order not yet bound is first bound to the paying buyer on its own shard,
     * then each payment holds the money on its buyer's shard.
     */
    CompletableFuture<Answer[]> pay(List<Payment> items) {
        Set<Long> tradeNos = new HashSet<>();
        Set<Long> buyers = new HashSet<>();
        for (Payment p : items) {
            tradeNos.add(p.tradeNo());
            buyers.add(p.buyerUserId());
        }
        return orders.lookup(tradeNos).thenCombine(wallets.walletsOf(buyers), (os, ws) -> {
            int n = items.size();
            OrderTerms[] terms = new OrderTerms[n];
            Result[] refused = new Result[n];
            Command[] binds = new Command[n];
            int[] shards = new int[n];
            for (int i = 0; i < n; i++) {
                Payment p = items.get(i);
                terms[i] = os.get(p.tradeNo());
                if (terms[i] == null) {
                    refused[i] = Result.trade_not_found;
                } else if (!ws.containsKey(p.buyerUserId())) {
                    refused[i] = Result.user_not_found;
                } else if (terms[i].merchantId() == p.buyerUserId()) {
                    refused[i] = Result.buyer_is_seller;
                } else if (terms[i].bound() && terms[i].buyerUserId() != p.buyerUserId()) {
                    refused[i] = Result.trade_buyer_mismatch;
                } else if (!terms[i].bound()) {
                    binds[i] = new BindTradeBuyer(p.tradeNo(), p.buyerUserId());
                    shards[i] = ledger.shardOf(p.tradeNo());
                }
            }
            return PerShard.submit(ledger, binds, shards).thenCompose(bound -> {
                if (anyOf(binds) && crashes.dieAfterBind()) {
                    throw new IllegalStateException("stopped between the pay saga's steps (crash point afterBind)");
                }
                return holdMoney(items, terms, merge(refused, bound), ws);
            });
        }).thenCompose(f -> f);
    }

    /**
     * The pay saga's second step for orders whose first is done (bound to their buyers): the
     * hold on each buyer's shard, exactly as {@link #pay} sends it. The buyer's shard answers a
     * trade it holds already {@code exists} and moves nothing, so a payment still under way is
     * never paid twice. For {@link PayRecovery}.
     */
    CompletableFuture<Answer[]> finishPay(List<OrderTerms> bound) {
        List<Payment> items = new java.util.ArrayList<>(bound.size());
        Set<Long> buyers = new HashSet<>();
        for (OrderTerms o : bound) {
            if (!o.bound()) {
                throw new IllegalArgumentException("trade " + o.tradeNo() + " has no buyer to finish paying");
            }
            items.add(new Payment(o.tradeNo(), o.buyerUserId()));
            buyers.add(o.buyerUserId());
        }
        return wallets.walletsOf(buyers).thenCompose(ws -> {
            Result[] soFar = new Result[items.size()];
            for (int i = 0; i < soFar.length; i++) {
                if (!ws.containsKey(items.get(i).buyerUserId())) {
                    soFar[i] = Result.user_not_found;
                }
            }
            return holdMoney(items, bound.toArray(new OrderTerms[0]), soFar, ws);
        });
    }

    static boolean anyOf(Command[] commands) {
        for (Command c : commands) {
            if (c != null) {
                return true;
            }
        }
        return false;
    }

    /** The second step of {@link #pay}: PayTrade on each buyer's shard for the items still standing. */
    private CompletableFuture<Answer[]> holdMoney(List<Payment> items, OrderTerms[] terms, Result[] soFar,
                                                  Map<Long, Long> wallets) {
        Set<Long> sellers = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (terms[i] != null && (soFar[i] == null || soFar[i] == Result.ok || soFar[i] == Result.exists)) {
                terms[i] = terms[i].withBuyer(items.get(i).buyerUserId());
                orders.remember(terms[i]);
                sellers.add(terms[i].merchantId());
            }
        }
        return merchants.merchants(sellers).thenCompose(ms -> {
            int n = items.size();
            Command[] pays = new Command[n];
            int[] shards = new int[n];
            Result[] refused = new Result[n];
            for (int i = 0; i < n; i++) {
                boolean standing = soFar[i] == null || soFar[i] == Result.ok || soFar[i] == Result.exists;
                if (!standing) {
                    refused[i] = soFar[i];
                    continue;
                }
                OrderTerms o = terms[i];
                KnownMerchant m = ms.get(o.merchantId());
                if (m == null) {
                    refused[i] = Result.merchant_not_found;
                    continue;
                }
                long buyer = items.get(i).buyerUserId();
                pays[i] = new PayTrade(o.tradeNo(), o.merchantId(), o.outTradeNo(), buyer, wallets.get(buyer),
                        o.amount(), o.ledger(), o.goodsType().code(), o.payDeadline(),
                        m.record().settlementAccountId(), m.record().feeRatePpm(), items.get(i).funding().code(),
                        o.notifyMerchant(), o.kind().code(), o.kind() == TradeKind.instant ? refundWindowSeconds : 0,
                        o.subject(), o.createdAt()).withGatewayTerms(o.appId(), o.notifyUrl());
                shards[i] = ledger.shardOf(buyer);
            }
            return PerShard.submit(ledger, pays, shards).thenApply(rs -> answers(merge(refused, rs), terms));
        });
    }

    /**
     * Acts on bound trades on their buyers' shards, on the caller's authority. The caller must be
     * the party the action belongs to (the ledger checks it again).
     */
    CompletableFuture<Answer[]> act(Caller caller, List<Action> items) {
        Set<Long> tradeNos = new HashSet<>();
        for (Action a : items) {
            tradeNos.add(a.tradeNo());
        }
        return orders.lookup(tradeNos).thenCompose(os -> {
            int n = items.size();
            OrderTerms[] terms = new OrderTerms[n];
            Command[] commands = new Command[n];
            int[] shards = new int[n];
            Result[] refused = new Result[n];
            for (int i = 0; i < n; i++) {
                Action a = items.get(i);
                OrderTerms o = os.get(a.tradeNo());
                terms[i] = o;
                if (o == null) {
                    refused[i] = Result.trade_not_found;
                } else if (!TradeParties.mayAct(caller, a.op(), o)) {
                    refused[i] = Result.trade_party_invalid;
                } else if (!o.bound()) {
                    // Nothing was paid: there is nothing to ship, confirm or refund yet.
                    refused[i] = Result.trade_status_invalid;
                } else {
                    commands[i] = new TradeAction(a.tradeNo(), a.op(), caller.actingUserId(), a.refundId(),
                            a.amount(), a.text1(), a.text2());
                    shards[i] = ledger.shardOf(o.buyerUserId());
                }
            }
            return PerShard.submit(ledger, commands, shards).thenApply(rs -> answers(merge(refused, rs), terms));
        });
    }

    /**
     * Closes an unpaid trade. A bound one is first closed on its buyer's shard (so that it can no
     * longer be paid there), and only then its order; an unbound one has only its order.
     */
    CompletableFuture<Answer> close(Caller caller, long tradeNo, String reason) {
        return orders.lookup(tradeNo).thenCompose(o -> {
            if (o == null) {
                return CompletableFuture.completedFuture(new Answer(Result.trade_not_found, null));
            }
            if (!TradeParties.mayAct(caller, TradeOp.closeOrder, o)) {
                return CompletableFuture.completedFuture(new Answer(Result.trade_party_invalid, o));
            }
            TradeAction closeOrder = TradeAction.closeOrder(tradeNo, caller.actingUserId(), o.buyerUserId(), reason);
            CompletableFuture<Result> first = !o.bound() ? CompletableFuture.completedFuture(Result.ok)
                    : submitOne(ledger.shardOf(o.buyerUserId()), TradeAction.closeUnpaid(tradeNo,
                    caller.actingUserId(), o.merchantId(), o.outTradeNo(), reason));
            return first.thenCompose(r -> r != Result.ok && r != Result.exists
                            ? CompletableFuture.completedFuture(r)
                            : submitOne(ledger.shardOf(tradeNo), closeOrder))
                    .thenApply(r -> new Answer(r, o));
        });
    }

    private CompletableFuture<Result> submitOne(int shard, Command c) {
        return ledger.submit(shard, new Command[] {c}).thenApply(rs -> rs[0]);
    }

    /** The edge's refusals where it refused, else the ledger's results. */
    private static Result[] merge(Result[] refused, Result[] submitted) {
        Result[] out = new Result[refused.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = refused[i] != null ? refused[i] : submitted[i];
        }
        return out;
    }

    private static Answer[] answers(Result[] results, OrderTerms[] terms) {
        Answer[] out = new Answer[results.length];
        for (int i = 0; i < out.length; i++) {
            if (results[i] == null) {
                throw new IllegalStateException("item " + i + " has no result");
            }
            out[i] = new Answer(results[i], terms[i]);
        }
        return out;
    }
}

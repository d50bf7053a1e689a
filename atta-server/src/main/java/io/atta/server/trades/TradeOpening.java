package io.atta.server.trades;

import io.atta.core.command.ClaimTradeName;
import io.atta.core.command.Command;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.trade.TradeKind;
import io.atta.server.http.PerShard;
import io.atta.server.http.ServerLedger;
import io.atta.server.merchants.MerchantDirectory;
import io.atta.server.merchants.MerchantDirectory.KnownMerchant;
import io.atta.server.payments.WalletDirectory;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Opening trades where they are placed (docs/TRADES.md, "Placement"): an order without a buyer on
 * the shard its out_trade_no's name number names; one with a buyer on the buyer's shard, after
 * the claim of its name, and, when it is paid at once, with its hold in the same log entry.
 */
final class TradeOpening {
    private final ServerLedger ledger;
    private final MerchantDirectory merchants;
    private final WalletDirectory wallets;
    private final long refundWindowSeconds;
    private final PayCrashPoints crashes;

    /**
     * @param refundWindowSeconds how long an instant trade may be refunded after payment
     * @param crashes             where a create stops between its claim and itself, in crash tests
     */
    TradeOpening(ServerLedger ledger, MerchantDirectory merchants, WalletDirectory wallets,
                 long refundWindowSeconds, PayCrashPoints crashes) {
        this.ledger = ledger;
        this.merchants = merchants;
        this.wallets = wallets;
        this.refundWindowSeconds = refundWindowSeconds;
        this.crashes = crashes;
    }

    /** What the edge knows of a batch of new trades: each item's refusal, or null, and the records it read. */
    private record Checked(Result[] refused, Map<Long, KnownMerchant> merchants, Map<Long, Long> wallets) {
    }

    /** Refuses what the edge can: no such merchant or buyer, another currency than the merchant's, the seller as buyer. */
    private CompletableFuture<Checked> check(List<TradeFlow.NewTrade> items, boolean buyerNeeded) {
        Set<Long> sellers = new HashSet<>();
        Set<Long> buyers = new HashSet<>();
        for (TradeFlow.NewTrade t : items) {
            sellers.add(t.sellerId());
            if (t.buyerUserId() != 0) {
                buyers.add(t.buyerUserId());
            }
        }
        return merchants.merchants(sellers).thenCombine(wallets.walletsOf(buyers), (ms, ws) -> {
            Result[] refused = new Result[items.size()];
            for (int i = 0; i < items.size(); i++) {
                TradeFlow.NewTrade t = items.get(i);
                KnownMerchant m = ms.get(t.sellerId());
                if (m == null) {
                    refused[i] = Result.merchant_not_found;
                } else if (m.currency() != t.currency()) {
                    refused[i] = Result.currency_mismatch;
                } else if (t.buyerUserId() == 0 && buyerNeeded) {
                    throw new IllegalArgumentException("trade " + t.tradeNo() + " has no buyer to pay it");
                } else if (t.buyerUserId() != 0 && !ws.containsKey(t.buyerUserId())) {
                    refused[i] = Result.user_not_found;
                } else if (t.buyerUserId() == t.sellerId()) {
                    // Self-dealing: a merchant paying itself would turn its own money into "sales".
                    refused[i] = Result.buyer_is_seller;
                }
            }
            return new Checked(refused, ms, ws);
        });
    }

    private static CreateTrade createCommand(TradeFlow.NewTrade t, KnownMerchant m) {
        return new CreateTrade(t.tradeNo(), t.sellerId(), t.outTradeNo(), t.buyerUserId(), t.amount(),
                t.currency().ledger(), t.goodsType().code(), t.payTimeoutSeconds(), m.notifies(), t.subject(),
                t.appId(), t.notifyUrl(), t.returnUrl(), t.kind().code());
    }

    /**
     * Creates trades: one without a buyer on the shard its name number names, one with a buyer on
     * the buyer's shard after its name's claim ({@link #place}). The seller must be a merchant, a
     * named buyer a user.
     */
    CompletableFuture<Result[]> create(List<TradeFlow.NewTrade> items) {
        return check(items, false).thenCompose(c -> {
            Command[][] groups = new Command[items.size()][];
            for (int i = 0; i < groups.length; i++) {
                if (c.refused()[i] == null) {
                    TradeFlow.NewTrade t = items.get(i);
                    groups[i] = new Command[] {createCommand(t, c.merchants().get(t.sellerId()))};
                }
            }
            return place(items, groups, c.refused()).thenApply(rs -> {
                Result[] out = new Result[rs.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rs[i][0];
                }
                return out;
            });
        });
    }

    /**
     * Opens trades for their buyers and pays them from the buyers' wallets: each trade's create
     * and its hold go in one log entry of the buyer's shard (the hold takes the order's deadline
     * and creation time there, {@link PayTrade#deadlineOfOrderHere}), after its name's claim.
     * Answers each item's {create's result, the payment's}; an item refused before anything
     * was submitted has that refusal in both.
     */
    CompletableFuture<Result[][]> createAndPay(List<TradeFlow.NewTrade> items) {
        return check(items, true).thenCompose(c -> {
            Command[][] groups = new Command[items.size()][];
            for (int i = 0; i < groups.length; i++) {
                if (c.refused()[i] != null) {
                    continue;
                }
                TradeFlow.NewTrade t = items.get(i);
                KnownMerchant m = c.merchants().get(t.sellerId());
                Command pay = new PayTrade(t.tradeNo(), t.sellerId(), t.outTradeNo(), t.buyerUserId(),
                        c.wallets().get(t.buyerUserId()), t.amount(), t.currency().ledger(), t.goodsType().code(),
                        PayTrade.deadlineOfOrderHere, m.record().settlementAccountId(), m.record().feeRatePpm(),
                        t.funding().code(), m.notifies(), t.kind().code(),
                        t.kind() == TradeKind.instant ? refundWindowSeconds : 0, t.subject(), 0)
                        .withGatewayTerms(t.appId(), t.notifyUrl());
                groups[i] = new Command[] {createCommand(t, m), pay};
            }
            return place(items, groups, c.refused());
        });
    }

    /**
     * Submits each standing item's commands ({@code groups[i]}, its create first) on the shard its
     * trade number names. A trade placed on its buyer's shard first claims its name: on the
     * name's shard when that is another (then the create goes only where the claim stood), in
     * the same log entry just before the create when it is the same. Answers the results of each
     * item's commands, each the refusal where the edge or the claim refused it.
     */
    private CompletableFuture<Result[][]> place(List<TradeFlow.NewTrade> items, Command[][] groups, Result[] refused) {
        int n = items.size();
        Command[] claims = new Command[n];
        int[] claimShards = new int[n];
        boolean[] claimHere = new boolean[n];
        for (int i = 0; i < n; i++) {
            TradeFlow.NewTrade t = items.get(i);
            long tradeNo = t.tradeNo();
            if (groups[i] == null || t.nameNo() == tradeNo) {
                continue;
            }
            int nameShard = ledger.shardOf(t.nameNo());
            claimHere[i] = nameShard == ledger.shardOf(tradeNo);
            if (!claimHere[i]) {
                claims[i] = new ClaimTradeName(t.nameNo(), tradeNo);
                claimShards[i] = nameShard;
            }
        }
        boolean claiming = TradeFlow.anyOf(claims);
        CompletableFuture<Result[]> claimed = claiming ? PerShard.submit(ledger, claims, claimShards)
                : CompletableFuture.completedFuture(new Result[n]);
        return claimed.thenCompose(cr -> {
            if (claiming && crashes.dieAfterClaim()) {
                throw new IllegalStateException("stopped between a create's claim and the create (crash point "
                        + "afterClaim)");
            }
            Result[][] out = new Result[n][];
            Command[][] entries = new Command[n][];
            int[] shards = new int[n];
            for (int i = 0; i < n; i++) {
                Result stop = groups[i] == null ? refused[i] : claims[i] != null && !stands(cr[i]) ? cr[i] : null;
                if (stop != null) {
                    out[i] = filled(stop, groups[i] == null ? 2 : groups[i].length);
                    continue;
                }
                TradeFlow.NewTrade t = items.get(i);
                entries[i] = claimHere[i] ? prepend(new ClaimTradeName(t.nameNo(), t.tradeNo()), groups[i]) : groups[i];
                shards[i] = ledger.shardOf(t.tradeNo());
            }
            return PerShard.submitEach(ledger, entries, shards).thenApply(rs -> {
                for (int i = 0; i < n; i++) {
                    if (entries[i] == null) {
                        continue;
                    }
                    if (!claimHere[i]) {
                        out[i] = rs[i];
                    } else if (!stands(rs[i][0])) {
                        out[i] = filled(rs[i][0], groups[i].length);
                    } else {
                        out[i] = Arrays.copyOfRange(rs[i], 1, rs[i].length);
                    }
                }
                return out;
            });
        });
    }

    /** True for a claim that holds its name for its trade: new, or there already. */
    private static boolean stands(Result r) {
        return r == Result.ok || r == Result.exists;
    }

    private static Result[] filled(Result r, int n) {
        Result[] out = new Result[n];
        Arrays.fill(out, r);
        return out;
    }

    private static Command[] prepend(Command first, Command[] rest) {
        Command[] out = new Command[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}

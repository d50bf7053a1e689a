package io.atta.cluster.transaction;

import io.atta.cluster.AttaNode;
import io.atta.cluster.Invariants;
import io.atta.cluster.InvariantsReport;
import io.atta.cluster.NodeOptions;
import io.atta.core.AccountFlags;
import io.atta.core.Currency;
import io.atta.core.DerivedIds;
import io.atta.core.Ids;
import io.atta.core.command.Command;
import io.atta.core.command.CreateAccount;
import io.atta.core.command.CreateMerchant;
import io.atta.core.command.CreateTrade;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.CreateUser;
import io.atta.core.command.PayTrade;
import io.atta.core.command.Result;
import io.atta.core.command.TradeAction;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeOp;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.trade.TradeBook;
import io.atta.engine.trade.TradeMoney;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sellers are paid through settlement (docs/ARCHITECTURE.md §4): a confirmed trade credits the
 * merchant's receivable on the buyer's shard, and the sweep moves it to the merchant's settlement
 * account on the merchant's shard. A refund after the sweep leaves the receivable in debt, which
 * the next sweep collects from the settlement account when it can, and which never holds up the
 * other balances of the shard.
 */
class MerchantSettlementTest {
    private static final Currency cny = Currency.CNY;
    private static final int shards = 3;
    private static final int intervalSecs = 3_600;
    private static final long intervalNanos = intervalSecs * 1_000_000_000L;
    private static final int feePpm = 10_000;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();
    private long transferIds = 1_000;

    private AttaNode start() throws Exception {
        long interval = Math.floorDiv(System.currentTimeMillis() * 1_000_000L, intervalNanos);
        clock.set(interval * intervalNanos + 60_000_000_000L);
        AttaNode node = AttaNode.start(NodeOptions.of(dir, shards).withSettlementIntervalSecs(intervalSecs), clock::get,
                CrashPoints.none());
        node.settlement().sweepDue().get(30, TimeUnit.SECONDS);
        return node;
    }

    private static Result[] submit(AttaNode node, int shard, Command... commands) throws Exception {
        return node.submit(shard, commands).get(30, TimeUnit.SECONDS);
    }

    private static long balance(AttaNode node, long id) throws Exception {
        return node.read(node.shardOf(id), l -> l.account(id)).get(10, TimeUnit.SECONDS).balance();
    }

    private record Party(long user, long wallet, long settlement) {
    }

    /** A user on {@code shard}, its wallet funded with {@code funds}, and a settlement account. */
    private Party user(AttaNode node, int shard, int n, long funds) throws Exception {
        int slot = node.homeSlotOf(shard);
        long user = Ids.compose(slot, Ids.firstUserLocalId + 3L * n);
        long wallet = user + 1;
        long settlement = user + 2;
        assertThat(submit(node, shard, new CreateUser(user, wallet, cny.ledger(), 1, 2, 3, 4),
                new CreateAccount(settlement, user, cny.ledger(), 2,
                        AccountFlags.debitsMustNotExceedCredits | AccountFlags.history, 0))).containsOnly(Result.ok);
        if (funds > 0) {
            assertThat(submit(node, shard, new CreateTransfer(Ids.compose(slot, ++transferIds),
                    HouseAccount.bankFunding.id(slot, cny), wallet, funds, cny.ledger(), 1, 0, 0, 0, 0, 0))).containsOnly(Result.ok);
        }
        return new Party(user, wallet, settlement);
    }

    /** A trade of {@code amount} from {@code buyer} to {@code merchant}, paid, shipped and confirmed. */
    private long finishedTrade(AttaNode node, Party merchant, Party buyer, String outTradeNo, long amount)
            throws Exception {
        long tradeNo = DerivedIds.of("trade:" + merchant.user() + ":" + outTradeNo);
        int buyerShard = node.shardOf(buyer.user());
        assertThat(submit(node, node.shardOf(tradeNo), new CreateTrade(tradeNo, merchant.user(), outTradeNo,
                buyer.user(), amount, cny.ledger(), GoodsType.virtual.code(), 900, false, "goods")))
                .containsExactly(Result.ok);
        assertThat(submit(node, buyerShard,
                new PayTrade(tradeNo, merchant.user(), outTradeNo, buyer.user(), buyer.wallet(), amount, cny.ledger(),
                        GoodsType.virtual.code(), Long.MAX_VALUE, merchant.settlement(), feePpm,
                        PayTrade.fundingWallet, false),
                new TradeAction(tradeNo, TradeOp.ship, merchant.user(), 0, 0, "SF", "1"),
                new TradeAction(tradeNo, TradeOp.confirm, buyer.user(), 0, 0, "", "")))
                .containsExactly(Result.ok, Result.ok, Result.ok);
        return tradeNo;
    }

    private static List<TradeBook.Receivable> receivables(AttaNode node, int shard) throws Exception {
        return node.read(shard, l -> l.trades().receivables()).get(10, TimeUnit.SECONDS);
    }

    private static void assertBalanced(AttaNode node) throws Exception {
        InvariantsReport report = Invariants.check(node, System.nanoTime()).get(30, TimeUnit.SECONDS);
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void aReleasedTradeReachesTheMerchantsSettlementAccountAtTheNextSweep() throws Exception {
        try (AttaNode node = start()) {
            Party merchant = user(node, 0, 1, 0);
            Party buyer = user(node, 2, 2, 10_000);
            finishedTrade(node, merchant, buyer, "o-1", 5_000);
            long fee = TradeMoney.fee(5_000, feePpm);
            TradeBook.Receivable receivable = receivables(node, 2).get(0);
            assertThat(balance(node, receivable.accountId())).isEqualTo(5_000 - fee);
            assertThat(receivable.settlementAccountId()).isEqualTo(merchant.settlement());

            clock.addAndGet(intervalNanos);
            node.settlement().sweepDue().get(30, TimeUnit.SECONDS);

            assertThat(balance(node, receivable.accountId())).isZero();
            assertThat(balance(node, merchant.settlement())).isEqualTo(5_000 - fee);
            assertThat(balance(node, buyer.wallet())).isEqualTo(5_000);
            assertThat(balance(node, HouseAccount.fees.globalId(cny))).isEqualTo(fee);
            assertBalanced(node);
        }
    }

    @Test
    void aRefundAfterSettlementIsCollectedFromTheMerchantWhenItCanBeAndHoldsUpNothingElse() throws Exception {
        try (AttaNode node = start()) {
            Party merchant = user(node, 0, 1, 0);
            Party buyer = user(node, 2, 2, 10_000);
            Party other = user(node, 1, 3, 0);
            long trade = finishedTrade(node, merchant, buyer, "o-1", 5_000);
            clock.addAndGet(intervalNanos);
            node.settlement().sweepDue().get(30, TimeUnit.SECONDS);
            long settled = balance(node, merchant.settlement());
            // The merchant moves its settled money away: nothing is left to collect a debt from.
            long moveOut = Ids.compose(Ids.slotOf(merchant.settlement()), ++transferIds);
            assertThat(submit(node, 0, new CreateTransfer(moveOut, merchant.settlement(), merchant.wallet(),
                    settled, cny.ledger(), 1, 0, 0, 0, 0, 0))).containsExactly(Result.ok);

            // The buyer gets 1,000 back after settlement: the receivable goes into debt.
            assertThat(submit(node, 2,
                    new TradeAction(trade, TradeOp.requestRefund, buyer.user(), 77, 1_000, "broken", "r-1"),
                    new TradeAction(trade, TradeOp.agreeRefund, merchant.user(), 77, 0, "", "")))
                    .containsExactly(Result.ok, Result.ok);
            long receivable = receivables(node, 2).get(0).accountId();
            long debt = -balance(node, receivable);
            assertThat(debt).isPositive().isLessThan(1_000);
            // Meanwhile another merchant sells on the same shard.
            finishedTrade(node, other, buyer, "o-2", 2_000);

            clock.addAndGet(intervalNanos);
            node.settlement().sweepDue().get(30, TimeUnit.SECONDS);

            // The other merchant is paid; the debt waits.
            assertThat(balance(node, other.settlement())).isEqualTo(2_000 - TradeMoney.fee(2_000, feePpm));
            assertThat(balance(node, receivable)).isEqualTo(-debt);
            assertBalanced(node);

            // Once the merchant has the money, the next sweep collects the debt.
            long moveBack = Ids.compose(Ids.slotOf(merchant.wallet()), ++transferIds);
            assertThat(submit(node, 0, new CreateTransfer(moveBack, merchant.wallet(), merchant.settlement(),
                    settled, cny.ledger(), 1, 0, 0, 0, 0, 0))).containsExactly(Result.ok);
            clock.addAndGet(intervalNanos);
            node.settlement().sweepDue().get(30, TimeUnit.SECONDS);

            assertThat(balance(node, receivable)).isZero();
            assertThat(balance(node, merchant.settlement())).isEqualTo(settled - debt);
            assertBalanced(node);
        }
    }
}

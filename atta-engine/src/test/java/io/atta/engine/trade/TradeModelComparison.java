package io.atta.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Currency;
import io.atta.engine.ledger.AccountState;
import io.atta.engine.ledger.HouseAccount;
import io.atta.engine.ledger.ShardLedger;
import java.util.HashMap;
import java.util.Map;

/** What {@link TradeModelTest} checks after every batch: the real ledger says what the model says. */
final class TradeModelComparison {
    private TradeModelComparison() {
    }

    static void assertAgree(TradeModel model, ShardLedger ledger) {
        assertThat(ledger.lastTimestamp()).as("last timestamp").isEqualTo(model.last);
        assertOrders(model, ledger);
        assertTrades(model, ledger);
        assertMoney(model, ledger);
    }

    private static void assertOrders(TradeModel model, ShardLedger ledger) {
        assertThat(ledger.trades().orderCount()).as("orders").isEqualTo(model.orders.size());
        model.orders.forEach((no, o) -> {
            OrderView v = ledger.trades().order(no);
            assertThat(v).as("order %d", no).isNotNull();
            assertThat(v.buyerUserId()).as("buyer of order %d", no).isEqualTo(o.buyer);
            assertThat(v.closedAt() != 0).as("order %d closed", no).isEqualTo(o.closed);
            assertThat(v.payDeadline()).as("deadline of order %d", no).isEqualTo(o.deadline);
        });
    }

    private static void assertTrades(TradeModel model, ShardLedger ledger) {
        assertThat(ledger.trades().tradeCount()).as("trades").isEqualTo(model.trades.size());
        model.trades.forEach((no, t) -> {
            TradeView v = ledger.trades().trade(no);
            assertThat(v).as("trade %d", no).isNotNull();
            assertThat(v.status()).as("status of trade %d", no).isEqualTo(t.status);
            assertThat(new long[] {v.held(), v.refunded(), v.released(), v.fee()})
                    .as("held, refunded, released, fee of trade %d", no)
                    .containsExactly(t.held, t.refunded, t.released, t.fee);
            assertThat(new long[] {v.confirmAt(), v.confirmPausedRemaining(), v.extendedSeconds()})
                    .as("confirm at, paused remaining, extension of trade %d", no)
                    .containsExactly(t.confirmAt, t.pausedRemaining, t.extended);
            assertThat(v.kind()).as("kind of trade %d", no).isEqualTo(t.kind);
            assertThat(v.refundWindowEndsAt()).as("refund window end of trade %d", no).isEqualTo(t.windowEndsAt);
            assertThat(v.refunds()).as("refunds of trade %d", no).hasSameSizeAs(t.refunds);
            for (int i = 0; i < t.refunds.size(); i++) {
                RefundView r = v.refunds().get(i);
                ModelTrade.Refund m = t.refunds.get(i);
                assertThat(r.refundId()).as("refund %d of trade %d", i, no).isEqualTo(m.id);
                assertThat(r.status()).as("status of refund %d of trade %d", m.id, no).isEqualTo(m.status);
                assertThat(r.amount()).as("amount of refund %d of trade %d", m.id, no).isEqualTo(m.amount);
            }
        });
    }

    /**
     * Wallets, receivables and fees as the model has them; escrow holding exactly the trades' held
     * amounts, pending, and nothing posted; debits equal to credits in every ledger.
     */
    private static void assertMoney(TradeModel model, ShardLedger ledger) {
        model.wallets.forEach((id, w) -> {
            AccountState a = ledger.account(id);
            assertThat(new long[] {a.balance(), a.debitsPending()}).as("balance and held part of wallet %d", id)
                    .containsExactly(w.balance, w.held);
        });

        Map<Integer, Long> held = new HashMap<>();
        model.trades.values().forEach(t -> held.merge(t.ledger, t.held, Long::sum));
        held.values().removeIf(v -> v == 0);
        assertThat(ledger.trades().heldByLedger()).as("held by ledger").isEqualTo(held);
        for (Currency c : Currency.values()) {
            AccountState e = ledger.account(HouseAccount.escrow.id(ledger.homeSlot(), c));
            assertThat(e.creditsPending()).as("escrow %s holds what the trades hold", c)
                    .isEqualTo(held.getOrDefault(c.ledger(), 0L));
            assertThat(e.debitsPending()).as("escrow %s pending debits", c).isZero();
            assertThat(e.debitsPosted()).as("escrow %s posted net", c).isEqualTo(e.creditsPosted());
            AccountState f = ledger.account(HouseAccount.fees.id(ledger.homeSlot(), c));
            assertThat(f.balance()).as("fee income in %s", c).isEqualTo(model.fees.getOrDefault(c.ledger(), 0L));
        }

        Map<String, Long> receivables = new HashMap<>();
        for (TradeBook.Receivable r : ledger.trades().receivables()) {
            long balance = ledger.account(r.accountId()).balance();
            assertThat(balance).as("receivable of %d in %d: a seller never gives back more than it received",
                    r.merchantId(), r.ledger()).isNotNegative();
            receivables.put(r.merchantId() + ":" + r.ledger(), balance);
            assertThat(r.settlementAccountId()).isEqualTo(model.merchants.get(r.merchantId()).settlement());
        }
        Map<String, Long> expected = new HashMap<>(model.receivables);
        expected.values().removeIf(v -> v == 0);
        receivables.values().removeIf(v -> v == 0);
        assertThat(receivables).as("receivables by merchant:ledger").isEqualTo(expected);

        ledger.totalsByLedger().forEach((ledgerId, t) -> {
            assertThat(t[0]).as("ledger %d debits posted vs credits posted", ledgerId).isEqualTo(t[1]);
            assertThat(t[2]).as("ledger %d debits pending vs credits pending", ledgerId).isEqualTo(t[3]);
        });
    }
}

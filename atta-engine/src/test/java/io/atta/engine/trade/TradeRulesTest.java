package io.atta.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Command;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import java.util.HashSet;
import java.util.stream.Collectors;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transition and every refusal of the trade rules (escrow and instant trades, apps), one row per situation: the
 * row's batch is applied to a fresh {@link TradeWorld} and both the per-item results and where
 * the money stands (the buyer's wallet, escrow, the seller's receivable, the fee account) are
 * checked, with the ledger's invariants. A batch that gives no {@code ok} must change nothing
 * at all: its state hash equals that of the same world given a batch of as many commands that
 * cannot change anything.
 */
class TradeRulesTest {
    /** Refused by every shard: no outbox holds this notification. */
    private static final Command noOp = new RecordDelivery(Long.MAX_VALUE, RecordDelivery.Outcome.delivered, 0);

    static Stream<TradeRow> rows() {
        return Stream.of(OrderRows.rows(), AppRows.rows(), PaymentRows.rows(), InstantRows.rows(),
                ShipmentRows.rows(), RefundRows.rows(), SellerRefundRows.rows(), DisputeRows.rows(), CloseRows.rows())
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rowHolds(TradeRow row) {
        TradeWorld w = TradeWorld.build();
        row.given.accept(w);
        TradeWorld.Money before = w.money();

        Result[] results = w.apply(row.batch);

        assertThat(results).as("results").containsExactly(row.expected);
        assertThat(w.money()).as("money: buyer's available balance, held in escrow, seller's receivable, fees")
                .isEqualTo(row.money != null ? row.money : before);
        w.assertInvariants();
        if (Arrays.stream(results).noneMatch(r -> r == Result.ok)) {
            TradeWorld untouched = TradeWorld.build();
            row.given.accept(untouched);
            Command[] nothing = new Command[row.batch.length];
            Arrays.fill(nothing, noOp);
            untouched.apply((Object[]) nothing);
            assertThat(w.ledger.stateHash()).as("a batch without an ok changes nothing")
                    .isEqualTo(untouched.ledger.stateHash());
        }
        row.then.accept(w);
    }

    @Test
    void theTableCoversEveryTradeResult() {
        Set<Result> covered = new HashSet<>();
        rows().forEach(r -> covered.addAll(Arrays.asList(r.expected)));
        Set<Result> tradeResults = Result.all().stream()
                .filter(r -> r.code() >= Result.merchant_not_found.code() && r.code() <= Result.notification_not_found.code())
                .collect(Collectors.toCollection(HashSet::new));
        tradeResults.addAll(Set.of(Result.app_id_not_in_merchant_slot, Result.refund_window_ended,
                Result.buyer_is_seller, Result.account_in_use, Result.account_has_open_trades));

        tradeResults.removeAll(covered);
        assertThat(tradeResults).as("trade results without a row").isEmpty();
    }

    @Test
    void theWorldIsWhatTheTableAssumes() {
        TradeWorld w = TradeWorld.build();

        assertThat(w.money()).isEqualTo(new TradeWorld.Money(TradeWorld.funds, 0, 0, 0));
        assertThat(w.available(TradeWorld.otherBuyerWallet)).isEqualTo(TradeWorld.funds);
        assertThat(w.available(TradeWorld.poorBuyerWallet)).isEqualTo(TradeWorld.poorFunds);
        assertThat(w.ledger.trades().merchant(TradeWorld.seller).feeRatePpm()).isEqualTo(TradeWorld.feePpm);
        assertThat(TradeMoney.fee(TradeWorld.price, TradeWorld.feePpm)).isEqualTo(TradeWorld.priceFee);
        assertThat(w.ledger.trades().receivables()).isEmpty();
        assertThat(w.ledger.trades().outboxSize()).isZero();
        w.assertInvariants();
    }
}

package io.atta.engine.trade;

import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.trade.RefundStatus;
import io.atta.core.trade.TradeStatus;
import java.util.function.Consumer;

/**
 * One row of the trade rules' table ({@link TradeRulesTest}): a situation ({@code given}), a
 * batch ({@code when}), the results it must give, where the money must stand afterwards and,
 * optionally, the trade's and a refund's status. A row that names no money expects none to move.
 */
final class TradeRow {
    final String name;
    Consumer<TradeWorld> given = w -> { };
    Object[] batch;
    Result[] expected;
    TradeWorld.Money money;
    Consumer<TradeWorld> then = w -> { };

    private TradeRow(String name) {
        this.name = name;
    }

    static TradeRow row(String name) {
        return new TradeRow(name);
    }

    TradeRow given(Consumer<TradeWorld> g) {
        given = g;
        return this;
    }

    /** Commands, or {@link TradeWorld.Step}s built from the world when the batch is applied. */
    TradeRow when(Object... steps) {
        batch = steps;
        return this;
    }

    TradeRow expect(Result... results) {
        expected = results;
        return this;
    }

    /** Where the money stands after the batch: see {@link TradeWorld.Money}. */
    TradeRow money(long buyerAvailable, long held, long receivable, long fees) {
        money = new TradeWorld.Money(buyerAvailable, held, receivable, fees);
        return this;
    }

    TradeRow status(long tradeNo, TradeStatus status) {
        return then(w -> assertThat(w.trade(tradeNo).status()).as("status of trade %d", tradeNo).isEqualTo(status));
    }

    TradeRow refund(long tradeNo, long refundId, RefundStatus status) {
        return then(w -> assertThat(w.refund(tradeNo, refundId).status()).as("status of refund %d", refundId)
                .isEqualTo(status));
    }

    TradeRow then(Consumer<TradeWorld> t) {
        then = then.andThen(t);
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}

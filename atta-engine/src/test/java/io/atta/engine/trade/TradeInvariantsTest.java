package io.atta.engine.trade;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.trade.TradeEventType;
import io.atta.core.trade.TradeStatus;
import org.junit.jupiter.api.Test;

/**
 * A trade's status changes only along its state machine. The rules never break it, so these
 * tests break it behind their back, as a bug would, and watch the next event fail.
 */
class TradeInvariantsTest {

    @Test
    void aTradeThatLeftItsStateMachineStopsAtItsNextEvent() {
        TradeWorld w = TradeWorld.build();
        Trade t = w.paid(TradeWorld.T1).ledger.trades().trades.get(TradeWorld.T1);
        // A closed trade is terminal: shipping it must never happen.
        t.status = TradeStatus.TRADE_CLOSED;
        t.events.add(new TradeEvent(0, TradeEventType.closed, 0, 0, ""));
        t.status = TradeStatus.WAIT_BUYER_CONFIRM_GOODS;
        t.events.add(new TradeEvent(0, TradeEventType.shipped, 0, 0, ""));

        assertThatThrownBy(() -> TradeInvariants.eventAdded(t)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("trade " + t.tradeNo).hasMessageContaining("leads to WAIT_BUYER_CONFIRM_GOODS");
    }

    @Test
    void anEventMustLeaveTheStatusItTells() {
        TradeWorld w = TradeWorld.build();
        Trade t = w.paid(TradeWorld.T1).ledger.trades().trades.get(TradeWorld.T1);
        t.events.add(new TradeEvent(0, TradeEventType.confirmed, 0, 0, ""));

        assertThatThrownBy(() -> TradeInvariants.eventAdded(t)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("event confirmed leaves the trade WAIT_SELLER_SEND_GOODS");
    }
}

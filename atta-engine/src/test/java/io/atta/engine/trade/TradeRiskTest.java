package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.T2;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.cny;
import static io.atta.engine.trade.TradeWorld.createTrade;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Result;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskResults;
import io.atta.core.risk.RiskRule;
import io.atta.core.risk.RuleKind;
import io.atta.core.trade.GoodsType;
import io.atta.engine.risk.RiskModule;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Trade pay goes through risk control's screen with no rule of the trade module: the buyer's hold
 * is a transfer made on the buyer's authority, so the ledger screens it as the buyer's. A denied
 * payment holds nothing and leaves the trade unpaid; a review cannot hold a trade's hold, so it
 * denies; an allowed one pays as before.
 */
class TradeRiskTest {
    private static PutRiskRules rules(RiskDecision overLimit) {
        return new PutRiskRules(1, false, cny, new long[] {60}, 3600,
                List.of(new RiskRule(RuleKind.amount_limit, overLimit, "large_trade", new long[] {10_000})), 0);
    }

    @Test
    void aTradePaymentOverTheLimitIsDeniedAndHoldsNothing() {
        for (RiskDecision d : List.of(RiskDecision.deny, RiskDecision.review)) {
            TradeWorld w = TradeWorld.build();
            assertThat(w.apply(rules(d), createTrade(T1, buyer), createTrade(T2, buyer, 10_001, GoodsType.physical)))
                    .containsOnly(Result.ok);

            assertThat(w.apply(pay(T2, buyer))).as("%s", d).containsExactly(RiskResults.risk_denied);
            assertThat(w.money().buyerAvailable()).isEqualTo(funds);
            assertThat(w.money().held()).isZero();
            assertThat(w.apply(pay(T1, buyer))).as("at the limit").containsExactly(Result.ok);
            assertThat(w.money().held()).isEqualTo(TradeWorld.price);
            assertThat(w.ledger.module(RiskModule.class).decisions(buyer, Long.MAX_VALUE, 10))
                    .extracting(r -> r.decision()).containsExactly(RiskDecision.allow, RiskDecision.deny);
        }
    }
}

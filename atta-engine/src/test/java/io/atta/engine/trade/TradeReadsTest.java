package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.bind;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.tradeNo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The trade book's lists: newest first by creation, and paged by creation time without losing any order. */
class TradeReadsTest {
    private final TradeWorld w = TradeWorld.build();

    /** Every page of a list, {@code size} at a time, each page starting before the last one's oldest. */
    private List<Long> allPages(BiFunction<Long, Integer, List<OrderView>> list, int size) {
        List<Long> out = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<OrderView> page = list.apply(before, size);
            page.forEach(o -> out.add(o.tradeNo()));
            if (page.size() < size) {
                return out;
            }
            before = page.get(page.size() - 1).createdAt();
        }
    }

    @Test
    void aMerchantsOrdersAreListedNewestFirstAndPagedByCreation() {
        for (int i = 1; i <= 5; i++) {
            w.unpaid(tradeNo(i));
        }

        assertThat(allPages((before, n) -> w.ledger.trades().ordersOfMerchant(seller, before, n), 2))
                .containsExactly(tradeNo(5), tradeNo(4), tradeNo(3), tradeNo(2), tradeNo(1));
    }

    @Test
    void aBuyersOrdersAreListedNewestFirstByCreationWhateverOrderTheyWereBoundIn() {
        w.ok(TradeWorld.createTrade(tradeNo(1), buyer));
        for (int i = 2; i <= 5; i++) {
            w.unpaid(tradeNo(i));
        }
        w.ok(bind(tradeNo(4), buyer)).ok(bind(tradeNo(2), buyer), bind(tradeNo(5), buyer)).ok(bind(tradeNo(3), buyer));

        assertThat(w.ledger.trades().ordersOfBuyer(buyer, Long.MAX_VALUE, 10)).extracting(OrderView::tradeNo)
                .containsExactly(tradeNo(5), tradeNo(4), tradeNo(3), tradeNo(2), tradeNo(1));
        assertThat(allPages((before, n) -> w.ledger.trades().ordersOfBuyer(buyer, before, n), 2))
                .containsExactly(tradeNo(5), tradeNo(4), tradeNo(3), tradeNo(2), tradeNo(1));
    }
}

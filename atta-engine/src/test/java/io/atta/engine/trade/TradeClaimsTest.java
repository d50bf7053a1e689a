package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.createTrade;
import static io.atta.engine.trade.TradeWorld.funds;
import static io.atta.engine.trade.TradeWorld.otherBuyer;
import static io.atta.engine.trade.TradeWorld.tradeNo;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Ids;
import io.atta.core.command.ClaimTradeName;
import io.atta.core.command.CreateTrade;
import io.atta.core.trade.GoodsType;
import io.atta.core.trade.TradeNames;
import io.atta.core.command.Result;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Name claims (docs/TRADES.md, "Placement"): on the shard a merchant's out_trade_no names, the
 * first claim or order of the name holds it, for one trade; another trade's claim or unbound
 * order under that name is refused as a repeat with other terms, and moves nothing.
 */
class TradeClaimsTest {
    private final TradeWorld w = TradeWorld.build();
    /** A name number of this shard, and the numbers of the trades two buyers' shards would give it. */
    private final long name = tradeNo(1);
    private final long placedForBuyer = Ids.compose(Ids.slotOf(buyer), Ids.localOf(name));
    private final long placedForOther = Ids.compose(Ids.slotOf(otherBuyer), Ids.localOf(name));

    @Test
    void theFirstClaimHoldsTheNameAndAnotherTradesClaimIsRefused() {
        assertThat(w.apply(new ClaimTradeName(name, placedForBuyer))).containsExactly(Result.ok);
        assertThat(w.apply(new ClaimTradeName(name, placedForBuyer))).as("a retry").containsExactly(Result.exists);
        assertThat(w.apply(new ClaimTradeName(name, placedForOther))).as("another buyer's trade")
                .containsExactly(Result.exists_with_different_fields);
        assertThat(w.ledger.trades().holderOfName(name)).isEqualTo(placedForBuyer);
        assertThat(w.ledger.trades().holderOfName(tradeNo(2))).as("a name no one holds").isZero();
    }

    @Test
    void anUnboundOrderUnderAClaimedNameIsRefusedAndMovesNothing() {
        w.ok(new ClaimTradeName(name, placedForBuyer));
        TradeWorld.Money before = w.money();
        assertThat(w.apply(createTrade(name, 0))).containsExactly(Result.exists_with_different_fields);
        assertThat(w.order(name)).isNull();
        assertThat(w.money()).isEqualTo(before).isEqualTo(new TradeWorld.Money(funds, 0, 0, 0));
        w.assertInvariants();
    }

    @Test
    void anOrderOfTheNamesOwnNumberHoldsItWithoutAClaim() {
        w.ok(createTrade(name, 0));
        assertThat(w.ledger.trades().holderOfName(name)).isEqualTo(name);
        assertThat(w.apply(new ClaimTradeName(name, placedForBuyer))).containsExactly(
                Result.exists_with_different_fields);
        assertThat(w.apply(new ClaimTradeName(name, name))).as("the order's own name").containsExactly(Result.exists);
        assertThat(w.apply(createTrade(name, 0))).as("the order's repeat").containsExactly(Result.exists);
    }

    @Test
    void aClaimAndTheCreateOfItsTradeGoInOneEntryWhenBothAreOnThisShard() {
        long placed = placedForBuyer;
        assertThat(w.apply(new ClaimTradeName(name, placed), createTrade(placed, buyer)))
                .containsExactly(Result.ok, Result.ok);
        assertThat(w.apply(new ClaimTradeName(name, placed), createTrade(placed, buyer))).as("a retry")
                .containsExactly(Result.exists, Result.exists);
        assertThat(w.order(placed).buyerUserId()).isEqualTo(buyer);
    }

    /** A claim refused in the entry that also creates its trade refuses the create: the name is another trade's. */
    @Test
    void aPlacedCreateIsRefusedWhereItsNameIsHeldByAnotherTrade() {
        String out = "o-1";
        for (int n = 2; Ids.slotOf(TradeNames.nameNo(TradeWorld.seller, out)) == TradeWorld.foreignSlot; n++) {
            out = "o-" + n;
        }
        long nameNo = TradeNames.nameNo(TradeWorld.seller, out);
        long mine = TradeNames.placed(nameNo, buyer);
        long others = TradeNames.placed(nameNo, otherBuyer);
        CreateTrade create = new CreateTrade(mine, TradeWorld.seller, out, buyer, TradeWorld.price, TradeWorld.cny,
                GoodsType.physical.code(), TradeWorld.payTimeoutSeconds, true, "Longjing tea, 250 g");
        w.ok(new ClaimTradeName(nameNo, others));

        assertThat(w.apply(new ClaimTradeName(nameNo, mine), create))
                .containsExactly(Result.exists_with_different_fields, Result.exists_with_different_fields);
        assertThat(w.order(mine)).isNull();
        assertThat(w.apply(new ClaimTradeName(nameNo, others), createTrade(others, otherBuyer))).as("its holder's")
                .containsExactly(Result.exists, Result.ok);
    }

    @Test
    void aNameNumberOfAnotherShardIsRefused() {
        long foreign = Ids.compose(TradeWorld.foreignSlot, Ids.localOf(name));
        assertThat(w.apply(new ClaimTradeName(foreign, placedForBuyer)))
                .containsExactly(Result.accounts_on_different_shards);
        assertThat(w.apply(new ClaimTradeName(0, placedForBuyer))).containsExactly(Result.id_must_not_be_zero);
    }

    @Test
    void claimsAreInTheSnapshotAndTheStateHash() throws IOException {
        long before = w.ledger.stateHash();
        w.ok(new ClaimTradeName(name, placedForBuyer));
        assertThat(w.ledger.stateHash()).as("a claim changes the hash").isNotEqualTo(before);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(w.ledger, new DataOutputStream(bytes));
        ShardLedger restored = new ShardLedger(0, 0, slot -> slot != TradeWorld.foreignSlot, w.store.copy());
        LedgerSnapshot.read(restored, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.stateHash()).isEqualTo(w.ledger.stateHash());
        assertThat(restored.trades().holderOfName(name)).isEqualTo(placedForBuyer);
        assertThat(restored.apply(w.now, new io.atta.core.command.Command[] {
                new ClaimTradeName(name, placedForOther)})).containsExactly(Result.exists_with_different_fields);
    }
}

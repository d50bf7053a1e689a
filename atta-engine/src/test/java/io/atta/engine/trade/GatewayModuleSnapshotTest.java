package io.atta.engine.trade;

import static io.atta.engine.trade.TradeWorld.R1;
import static io.atta.engine.trade.TradeWorld.T1;
import static io.atta.engine.trade.TradeWorld.T2;
import static io.atta.engine.trade.TradeWorld.app;
import static io.atta.engine.trade.TradeWorld.buyer;
import static io.atta.engine.trade.TradeWorld.otherBuyer;
import static io.atta.engine.trade.TradeWorld.pay;
import static io.atta.engine.trade.TradeWorld.seller;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.command.Command;
import io.atta.core.command.RecordDelivery;
import io.atta.core.command.Result;
import io.atta.core.gateway.CreateApp;
import io.atta.core.trade.TradeKind;
import io.atta.engine.gateway.App;
import io.atta.engine.gateway.GatewayModule;
import io.atta.engine.gateway.GatewayNotification;
import io.atta.engine.ledger.LedgerSnapshot;
import io.atta.engine.ledger.ShardLedger;
import io.atta.engine.shard.ShardModule;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway module's snapshot section: apps and the gateway's outbox round-trip through it, and
 * a snapshot written before the gateway had a module of its own (its apps and notifications in
 * the trade section, version 2) loads them into the gateway module, which then goes on exactly
 * as the shard that wrote it. In the trade package for its {@link TradeWorld}.
 */
class GatewayModuleSnapshotTest {
    private final TradeWorld w = TradeWorld.build();

    /** Two apps, a webhook trade and two gateway trades whose notifications wait, one retried. */
    @BeforeEach
    void appsAndNotifications() {
        w.ok(new CreateApp(app, seller, "Cashier", "key-1")).ok(new CreateApp(app - 1, seller, "Till", "key-2"));
        w.instantPaid(T2);
        w.ok(TradeWorld.createGatewayTrade(T1, otherBuyer, TradeKind.instant)).ok(pay(T1, otherBuyer))
                .ok(TradeWorld.sellerRefund(T1, R1, 1_200));
        long gatewaySeq = gatewayOutbox(w.ledger).get(0).seq();
        w.ok(new RecordDelivery(gatewaySeq, RecordDelivery.Outcome.retry, w.now + 60 * TradeWorld.secondNs));
        assertThat(w.ledger.trades().outboxSize()).as("webhooks").isPositive();
        assertThat(gatewayOutbox(w.ledger)).as("gateway notifications").hasSize(2);
        assertThat(w.ledger.apps(seller)).hasSize(2);
    }

    private static List<GatewayNotification> gatewayOutbox(ShardLedger l) {
        return l.gateway().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    private ShardLedger fresh() {
        return new ShardLedger(0, 0, slot -> slot != TradeWorld.foreignSlot, w.store.copy());
    }

    private static ShardModule gatewayOf(ShardLedger l) {
        return l.module(GatewayModule.class);
    }

    @Test
    void theGatewaySectionRoundTripsAppsAndOutbox() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        gatewayOf(w.ledger).writeSection(new DataOutputStream(bytes));
        ShardLedger b = fresh();

        gatewayOf(b).readSection(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1);

        assertThat(b.apps(seller)).as("apps, in the order registered").isEqualTo(w.ledger.apps(seller))
                .extracting(App::appId).containsExactly(app, app - 1);
        assertThat(b.app(app)).isEqualTo(w.ledger.app(app));
        assertThat(gatewayOutbox(b)).isEqualTo(gatewayOutbox(w.ledger));
        assertThat(gatewayOf(b).digest()).isEqualTo(gatewayOf(w.ledger).digest());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        gatewayOf(b).writeSection(new DataOutputStream(again));
        assertThat(again.toByteArray()).as("it writes the same section").isEqualTo(bytes.toByteArray());
    }

    @Test
    void aSnapshotOfSectionsLoadsTheGatewayAndGoesOnAlike() throws IOException {
        ShardLedger b = fresh();
        LedgerSnapshot.read(b, in(snapshot(w.ledger)));

        assertThat(b.stateHash()).isEqualTo(w.ledger.stateHash());
        assertGatewayAlike(b);
        goOnAlike(b);
    }

    @Test
    void aSnapshotWhoseTradeSectionHeldTheGatewayLoadsItIntoTheGatewayModule() throws IOException {
        ShardLedger b = fresh();
        LedgerSnapshot.read(b, in(withTradeSectionVersion2(w.ledger)));

        assertThat(b.stateHash()).isEqualTo(w.ledger.stateHash());
        assertGatewayAlike(b);
        assertThat(b.trades().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE)).as("webhooks stay with trades")
                .isEqualTo(w.ledger.trades().notificationsDue(Long.MAX_VALUE, Integer.MAX_VALUE));
        assertThat(snapshot(b)).as("written again, in the new form").isEqualTo(snapshot(w.ledger));
        goOnAlike(b);

        ShardLedger c = fresh();
        LedgerSnapshot.read(c, in(withTradeSectionVersion2(w.ledger)));
        LedgerSnapshot.read(c, in(snapshot(fresh())));
        assertThat(c.apps(seller)).as("a later snapshot without apps leaves none behind").isEmpty();
    }

    private void assertGatewayAlike(ShardLedger b) {
        assertThat(b.apps(seller)).isEqualTo(w.ledger.apps(seller)).hasSize(2);
        assertThat(gatewayOutbox(b)).isEqualTo(gatewayOutbox(w.ledger)).hasSize(2);
    }

    /** The same commands on both: same results (deliveries of both outboxes recorded alike), same hash. */
    private void goOnAlike(ShardLedger b) {
        List<GatewayNotification> gateway = gatewayOutbox(w.ledger);
        Command[] commands = {
            new RecordDelivery(gateway.get(0).seq(), RecordDelivery.Outcome.abandoned, 0),
            new RecordDelivery(gateway.get(1).seq(), RecordDelivery.Outcome.delivered, 0),
            new RecordDelivery(w.ledger.trades().notificationsDue(Long.MAX_VALUE, 1).get(0).seq(),
                    RecordDelivery.Outcome.delivered, 0),
            TradeWorld.sellerRefund(T1, TradeWorld.R2, 100),
            new CreateApp(app - 2, seller, "Kiosk", "key-3")};
        long header = w.now + 1;
        Result[] original = w.ledger.apply(header, commands);
        Result[] again = b.apply(header, commands);
        assertThat(again).containsExactly(original).containsOnly(Result.ok);
        assertThat(b.stateHash()).isEqualTo(w.ledger.stateHash());
        assertThat(b.trades().abandonedNotifications()).isEqualTo(1);
        assertThat(gatewayOutbox(b)).as("the new refund's notification").isEqualTo(gatewayOutbox(w.ledger))
                .singleElement().extracting(n -> n.notice().refundedTotal()).isEqualTo(1_300L);
    }

    private static byte[] snapshot(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerSnapshot.write(l, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /**
     * A version-6 snapshot as the build before the gateway module wrote it: the trade section of
     * version 2, holding the apps and the gateway's notifications, and no gateway section.
     */
    private static byte[] withTradeSectionVersion2(ShardLedger l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x41545441);
        out.writeInt(6);
        out.writeInt(l.shardId());
        out.writeInt(l.homeSlot());
        out.writeLong(l.lastTimestamp());
        List<ShardModule> modules = l.modules().stream().filter(m -> !m.name().equals("gateway")).toList();
        out.writeInt(modules.size());
        for (ShardModule m : modules) {
            ByteArrayOutputStream section = new ByteArrayOutputStream();
            boolean trade = m.name().equals("trade");
            if (trade) {
                TradeSectionVersion2.write(l, new DataOutputStream(section));
            } else {
                m.writeSection(new DataOutputStream(section));
            }
            out.writeUTF(m.name());
            out.writeInt(trade ? TradeSnapshot.withGateway : m.sectionVersion());
            out.writeInt(section.size());
            out.write(section.toByteArray());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}

package io.atta.engine.trade;

import static io.atta.core.command.Result.*;
import static io.atta.engine.trade.TradeRow.row;
import static io.atta.engine.trade.TradeWorld.app;
import static io.atta.engine.trade.TradeWorld.seller;
import static io.atta.engine.trade.TradeWorld.stranger;
import static org.assertj.core.api.Assertions.assertThat;

import io.atta.core.Ids;
import io.atta.core.gateway.CreateApp;
import io.atta.engine.gateway.App;
import java.util.List;

/** The table's rows for merchants' gateway apps, on the merchant's shard. */
final class AppRows {
    private static final String key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA";

    private AppRows() {
    }

    private static CreateApp createApp(long appId) {
        return new CreateApp(appId, seller, "Cashier", key);
    }

    static List<TradeRow> rows() {
        return List.of(
                row("a merchant registers apps: each kept, listed in the order registered")
                        .when(createApp(app + 1), createApp(app)).expect(ok, ok).then(w -> {
                            assertThat(w.ledger.app(app)).isEqualTo(new App(app, seller, "Cashier", key,
                                    w.ledger.lastTimestamp()));
                            assertThat(w.ledger.apps(seller)).extracting(App::appId).containsExactly(app + 1, app);
                            assertThat(w.ledger.apps(stranger)).isEmpty();
                        }),
                row("the same app again").given(w -> w.ok(createApp(app))).when(createApp(app)).expect(exists),
                row("the same app id with another name, key or merchant").given(w -> w.ok(createApp(app)))
                        .when(new CreateApp(app, seller, "Till", key), new CreateApp(app, seller, "Cashier", key + "A"),
                                new CreateApp(app, stranger, "Cashier", key))
                        .expect(exists_with_different_fields, exists_with_different_fields,
                                exists_with_different_fields)
                        .then(w -> assertThat(w.ledger.app(app).name()).isEqualTo("Cashier")),
                row("an app of a user that is not a merchant here")
                        .when(new CreateApp(Ids.compose(Ids.slotOf(stranger), Ids.firstUserLocalId + 50), stranger,
                                "Stall", key))
                        .expect(merchant_not_found),
                row("an app id outside its merchant's slot, or zero")
                        .when(createApp(Ids.compose(Ids.slotOf(seller) + 1, Ids.firstUserLocalId + 50)),
                                createApp(0))
                        .expect(app_id_not_in_merchant_slot, id_must_not_be_zero)
                        .then(w -> assertThat(w.ledger.apps(seller)).isEmpty()));
    }
}

package io.atta.engine;

import io.atta.engine.access.KeyModule;
import io.atta.engine.channel.ChannelModule;
import io.atta.engine.credit.CreditModule;
import io.atta.engine.gateway.GatewayModule;
import io.atta.engine.transaction.TransactionModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.trade.TradeModule;
import io.atta.engine.wealth.WealthModule;

import java.util.List;
import java.util.function.Function;

/**
 * The modules a shard is built from, after its ledger, one line per domain. The order is the
 * order of ticks, snapshot sections and the state hash's fold, and a module may use only those
 * before it. A new product adds its line here (and its family to
 * {@link io.atta.core.command.Families#standard()}).
 */
public final class ShardModules {
    private ShardModules() {
    }

    public static List<Function<ShardServices, ShardModule>> standard() {
        return List.of(
                TransactionModule::new,
                TradeModule::new,
                GatewayModule::new,
                ChannelModule::new,
                KeyModule::new,
                WealthModule::new,
                CreditModule::new);
    }
}

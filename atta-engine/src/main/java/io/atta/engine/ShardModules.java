package io.atta.engine;

import io.atta.engine.access.KeyModule;
import io.atta.engine.audit.AuditModule;
import io.atta.engine.channel.ChannelModule;
import io.atta.engine.credit.CreditModule;
import io.atta.engine.gateway.GatewayModule;
import io.atta.engine.insurance.InsuranceModule;
import io.atta.engine.lending.LendingModule;
import io.atta.engine.risk.RiskModule;
import io.atta.engine.transaction.TransactionModule;
import io.atta.engine.shard.ShardModule;
import io.atta.engine.shard.ShardServices;
import io.atta.engine.trade.TradeModule;
import io.atta.engine.wealth.WealthModule;

import java.util.LinkedHashMap;
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
        return List.copyOf(named().values());
    }

    /** The standard list with the module named {@code name} built by {@code replacement} instead (tests). */
    public static List<Function<ShardServices, ShardModule>> standardWith(String name,
                                                                         Function<ShardServices, ShardModule> replacement) {
        LinkedHashMap<String, Function<ShardServices, ShardModule>> m = named();
        if (m.replace(name, replacement) == null) {
            throw new IllegalArgumentException("no module named " + name);
        }
        return List.copyOf(m.values());
    }

    /** The factories by module name ({@link ShardModule#name()}), in order. */
    private static LinkedHashMap<String, Function<ShardServices, ShardModule>> named() {
        LinkedHashMap<String, Function<ShardServices, ShardModule>> m = new LinkedHashMap<>();
        m.put("transaction", TransactionModule::new);
        m.put("trade", TradeModule::new);
        m.put("gateway", GatewayModule::new);
        m.put("channel", ChannelModule::new);
        m.put("key", KeyModule::new);
        m.put("wealth", WealthModule::new);
        m.put("credit", CreditModule::new);
        m.put("lending", LendingModule::new);
        m.put("insurance", InsuranceModule::new);
        m.put("risk", RiskModule::new);
        // Last: a block's state hash covers the modules before it.
        m.put("audit", AuditModule::new);
        return m;
    }
}

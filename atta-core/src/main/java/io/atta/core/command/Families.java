package io.atta.core.command;

import io.atta.core.credit.CreditFamily;
import io.atta.core.gateway.GatewayFamily;
import io.atta.core.insurance.InsuranceFamily;
import io.atta.core.lending.LendingFamily;
import io.atta.core.risk.RiskFamily;
import io.atta.core.wealth.WealthFamily;

import java.util.List;

/**
 * The command families of the build, in one list: the batch codec knows commands only through
 * them. A new product adds its family here, one line.
 */
public final class Families {
    private Families() {
    }

    public static List<CommandFamily> standard() {
        return List.of(
                new ShardFamily(),
                new LedgerFamily(),
                new TransactionFamily(),
                new TradeFamily(),
                new GatewayFamily(),
                new KeyFamily(),
                new ChannelFamily(),
                new WealthFamily(),
                new CreditFamily(),
                new LendingFamily(),
                new InsuranceFamily(),
                new RiskFamily());
    }
}

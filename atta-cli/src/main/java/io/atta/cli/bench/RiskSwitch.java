package io.atta.cli.bench;

import io.atta.cluster.LedgerService;
import io.atta.core.command.Command;
import io.atta.core.command.Result;
import io.atta.core.risk.DefaultRiskRules;
import io.atta.core.risk.PutRiskRules;

import java.util.concurrent.TimeUnit;

/**
 * {@code atta bench --risk}: before the load, puts the default rule set (docs/RISK.md) on every
 * shard in shadow mode, screening operators' transfers too, so that every transfer of the bench
 * is decided, recorded and learnt from, while the results stay the ones the bench verifies. The
 * same run without the flag is the figure to compare with.
 */
final class RiskSwitch {
    private RiskSwitch() {
    }

    static void install(LedgerService node, int shards) throws Exception {
        PutRiskRules rules = DefaultRiskRules.withOperatorTransfers(1, true);
        for (int s = 0; s < shards; s++) {
            Result r = node.submit(s, new Command[] {rules}).get(30, TimeUnit.SECONDS)[0];
            if (r != Result.ok && r != Result.exists) {
                throw new BenchFailure("shard " + s + " refused the risk rule set: " + r.apiName());
            }
        }
    }
}

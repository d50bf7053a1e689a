package io.atta.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.cli.CliRun;
import org.junit.jupiter.api.Test;


import static io.atta.cli.CliRun.atta;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code atta bench --workload p2p} end to end, in-process, tiny. */
class P2pBenchTest {
    private static JsonNode p2p(int crossShardPct) throws Exception {
        CliRun run = atta("bench", "--workload", "p2p", "--cross-shard-pct", Integer.toString(crossShardPct),
                "--transfers", "3000", "--accounts", "40", "--batch", "250", "--clients", "2", "--shards", "2",
                "--seed", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.err()).contains("reconciled 40 wallets");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("workload").asText()).isEqualTo("p2p");
        assertThat(report.get("unit").asText()).isEqualTo("transfers");
        assertThat(report.get("operations").asLong()).isEqualTo(3_000);
        assertThat(report.get("requests").asLong()).isEqualTo(12);
        assertThat(report.get("shards").asInt()).isEqualTo(2);
        assertThat(report.get("durable").asBoolean()).isTrue();
        assertThat(report.get("verified_accounts").asInt()).isEqualTo(40);
        assertThat(report.get("cross_shard_pct").asInt()).isEqualTo(crossShardPct);
        assertThat(report.get("throughput_per_sec").asLong()).isPositive();
        return report;
    }

    @Test
    void everyPaymentGoesAcrossShardsAtOneHundredPercent() throws Exception {
        assertThat(p2p(100).get("cross_shard_transfers").asLong()).isEqualTo(3_000);
    }

    @Test
    void noPaymentGoesAcrossShardsAtZeroPercent() throws Exception {
        assertThat(p2p(0).get("cross_shard_transfers").asLong()).isZero();
    }

    @Test
    void theCrossShardShareIsRefusedOutsideP2pOrOutOfRange() {
        CliRun tooMuch = atta("bench", "--workload", "p2p", "--cross-shard-pct", "101", "--shards", "2");
        CliRun notP2p = atta("bench", "--cross-shard-pct", "50", "--shards", "2");
        CliRun oneShard = atta("bench", "--workload", "p2p", "--shards", "1");

        assertThat(tooMuch.exitCode()).isEqualTo(2);
        assertThat(tooMuch.err()).contains("--cross-shard-pct must be between 0 and 100");
        assertThat(notP2p.exitCode()).isEqualTo(2);
        assertThat(notP2p.err()).contains("--cross-shard-pct is only valid with --workload p2p");
        assertThat(oneShard.exitCode()).isEqualTo(2);
        assertThat(oneShard.err()).contains("--cross-shard-pct 100 needs at least 2 shards");
        assertThat(tooMuch.out()).isEmpty();
    }
}

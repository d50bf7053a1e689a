package io.atta.cli.bench;

import java.util.Map;

/** What {@code atta bench --workload gateway} reports of a run: throughput, latency, and where the CPU went. */
final class GatewayBenchReport {
    private GatewayBenchReport() {
    }

    /** Fills {@code report} with the figures of a gateway run, as {@code atta bench} prints them. */
    static void fill(Map<String, Object> report, GatewayBenchmark.Outcome o, String workload, int shardCount,
                     int clients, boolean verifyResponses, long runSeed) {
        report.put("workload", workload);
        report.put("unit", "alipay.trade.pay requests");
        report.put("shards", shardCount);
        report.put("nodes", 1);
        report.put("operations", o.payments());
        report.put("seconds", BenchCommand.round(o.seconds(), 3));
        report.put("throughput_per_sec", Math.round(o.payments() / o.seconds()));
        report.put("p50_ms", BenchCommand.round(o.latencies().quantileMillis(0.50), 3));
        report.put("p99_ms", BenchCommand.round(o.latencies().quantileMillis(0.99), 3));
        report.put("max_ms", BenchCommand.round(o.maxLatencyNanos() / 1e6, 3));
        report.put("durable", true);
        report.put("clients", clients);
        report.put("buyers", o.buyers());
        report.put("verify_responses", verifyResponses);
        report.put("presign_seconds", BenchCommand.round(o.presignSeconds(), 1));
        // Server and clients share the process: its CPU time is the whole machine's work on the run.
        report.put("process_cpu_s", BenchCommand.round(o.processCpuSeconds(), 2));
        report.put("cores_busy", BenchCommand.round(o.processCpuSeconds() / o.seconds(), 2));
        if (o.machineCpuSeconds() >= 0) {
            // What other processes on the machine took meanwhile, in cores: not this run's work.
            report.put("other_processes_cores", BenchCommand.round(Math.max(0, o.machineCpuSeconds() - o.processCpuSeconds())
                    / o.seconds(), 2));
        }
        // The server's timers measure elapsed time, which on two cores shared by more runnable
        // threads includes waiting for a core; the CPU the RSA work takes is estimated from the
        // one-thread rates instead, per signature made and checked.
        report.put("server_verify_timer_s", BenchCommand.round(o.server().verifySeconds(), 2));
        report.put("server_sign_timer_s", BenchCommand.round(o.server().signSeconds(), 2));
        report.put("server_verify_timer_ms_per_request", BenchCommand.round(1e3 * o.server().verifySeconds()
                / o.server().verifyCount(), 3));
        report.put("server_sign_timer_ms_per_answer", BenchCommand.round(1e3 * o.server().signSeconds() / o.server().signCount(), 3));
        report.put("server_rsa_timer_share_of_wall_x2", BenchCommand.round((o.server().verifySeconds() + o.server().signSeconds())
                / (2 * o.seconds()), 3));
        double serverRsaCpu = o.server().signCount() / o.rsa().signsPerSecond()
                + o.server().verifyCount() / o.rsa().verifiesPerSecond();
        report.put("server_rsa_cpu_s_estimate", BenchCommand.round(serverRsaCpu, 2));
        report.put("server_rsa_share_of_process_cpu", BenchCommand.round(serverRsaCpu / o.processCpuSeconds(), 3));
        report.put("client_check_s", BenchCommand.round(o.clientVerifySeconds(), 2));
        report.put("rsa2_sign_per_sec_1thread", Math.round(o.rsa().signsPerSecond()));
        report.put("rsa2_verify_per_sec_1thread", Math.round(o.rsa().verifiesPerSecond()));
        report.put("paid", o.spentMinor());
        report.put("seed", runSeed);
    }
}

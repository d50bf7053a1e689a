package io.atta.jmh;

import io.atta.core.command.CreateTransfer;
import io.atta.server.transfers.TransferBatchParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The server's parse of a {@code POST /v1/transfers} body of 8190 transfers (as the Java
 * client writes it) into commands. Scores are transfers per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OperationsPerInvocation(TransferBatches.batchSize)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransferParseBenchmark {
    private byte[] body;

    @Setup
    public void setUp() {
        StringBuilder json = new StringBuilder("{\"transfers\":[");
        CreateTransfer[] batch = TransferBatches.batch(1_000_000, 10_000, new SplittableRandom(7));
        for (int i = 0; i < batch.length; i++) {
            CreateTransfer t = batch[i];
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(t.id())
                    .append("\",\"debit_account_id\":\"").append(t.debitAccountId())
                    .append("\",\"credit_account_id\":\"").append(t.creditAccountId())
                    .append("\",\"amount\":\"").append(t.amount() / 100).append('.')
                    .append(String.format("%02d", t.amount() % 100)).append("\",\"currency\":\"CNY\"}");
        }
        body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        if (TransferBatchParser.parse(body, 0).length != TransferBatches.batchSize) {
            throw new IllegalStateException("the parser lost transfers");
        }
    }

    @Benchmark
    public CreateTransfer[] parse() {
        return TransferBatchParser.parse(body, 0);
    }
}

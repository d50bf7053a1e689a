package io.atta.jmh;

import io.atta.core.command.CreateTransfer;
import io.atta.server.http.BodyBytes;
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
 * client writes it, held in segments as the server reads it) into commands. Scores are transfers per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OperationsPerInvocation(TransferBatches.batchSize)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransferParseBenchmark {
    /** As the server holds it: in 64 KiB segments, read through a stream. */
    private BodyBytes body;

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
        byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        BodyBytes.Sink sink = new BodyBytes.Sink();
        sink.write(bytes, 0, bytes.length);
        body = sink.bytes();
        if (TransferBatchParser.parse(body, 0).length != TransferBatches.batchSize) {
            throw new IllegalStateException("the parser lost transfers");
        }
    }

    @Benchmark
    public CreateTransfer[] parse() {
        return TransferBatchParser.parse(body, 0);
    }
}

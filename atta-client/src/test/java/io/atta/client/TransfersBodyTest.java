package io.atta.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written batch body is, byte for byte, what Jackson's generator wrote for the same transfers. */
class TransfersBodyTest {
    private static final long[] edges = {1, 9, 10, 99, 100, 101, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
            Long.MAX_VALUE};

    @Test
    void writesWhatJacksonWroteForSeededTransfers() throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        for (int round = 0; round < 50; round++) {
            List<NewTransfer> batch = new ArrayList<>();
            int n = 1 + random.nextInt(300);
            for (int i = 0; i < n; i++) {
                batch.add(randomTransfer(random));
            }
            assertThat(new String(TransfersBody.encode(batch), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(jackson(batch), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void refusesNegativeIdsAsBefore() {
        assertThatThrownBy(() -> TransfersBody.encode(List.of(new NewTransfer(-5, 1, 2, 10, Currency.CNY, 1, 0, 0, 0,
                0)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    private static long value(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> edges[random.nextInt(edges.length)];
            case 2 -> 1 + random.nextLong(1_000_000);
            default -> random.nextLong(Long.MAX_VALUE);
        };
    }

    private static NewTransfer randomTransfer(SplittableRandom random) {
        Currency currency = Currency.values()[random.nextInt(Currency.values().length)];
        int code = random.nextInt(3) == 0 ? NewTransfer.defaultCode : random.nextInt(5) == 0 ? -random.nextInt(1000)
                : random.nextInt(Integer.MAX_VALUE);
        int flags = random.nextInt(3) == 0 ? 0 : random.nextInt(TransferFlags.all + 1) & TransferFlags.all;
        return new NewTransfer(1 + random.nextLong(Long.MAX_VALUE - 1), value(random), value(random), value(random),
                currency, code, flags, value(random), random.nextInt(3) == 0 ? random.nextInt() : 0, value(random));
    }

    /** The writer this replaced: Jackson's generator, field by field. */
    private static byte[] jackson(List<NewTransfer> transfers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        char[] digits = new char[24];
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("transfers");
            for (NewTransfer t : transfers) {
                g.writeStartObject();
                g.writeStringField("id", Long.toString(t.id()));
                if (t.debitAccountId() != 0) {
                    g.writeStringField("debit_account_id", Long.toString(t.debitAccountId()));
                }
                if (t.creditAccountId() != 0) {
                    g.writeStringField("credit_account_id", Long.toString(t.creditAccountId()));
                }
                if (t.amount() != 0) {
                    g.writeFieldName("amount");
                    g.writeString(digits, 0, DecimalChars.amount(t.amount(), t.currency().scale(), digits));
                }
                g.writeStringField("currency", t.currency().name());
                if (t.code() != NewTransfer.defaultCode) {
                    g.writeNumberField("code", t.code());
                }
                if (t.flags() != 0) {
                    g.writeArrayFieldStart("flags");
                    for (String name : TransferFlags.names(t.flags())) {
                        g.writeString(name);
                    }
                    g.writeEndArray();
                }
                if (t.pendingId() != 0) {
                    g.writeStringField("pending_id", Long.toString(t.pendingId()));
                }
                if (t.timeoutSeconds() != 0) {
                    g.writeNumberField("timeout_seconds", t.timeoutSeconds());
                }
                if (t.userData() != 0) {
                    g.writeStringField("user_data", Long.toString(t.userData()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}

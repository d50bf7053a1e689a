package io.atta.server.transfers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.command.CreateTransfer;
import io.atta.core.command.Result;
import io.atta.server.http.BodyBytes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch reply written as bytes is, byte for byte, what Jackson's generator wrote, across segment boundaries. */
class ResultsBodyTest {
    @Test
    void writesWhatJacksonWroteForSeededResults() throws IOException {
        SplittableRandom random = new SplittableRandom(14);
        List<Result> all = Result.all();
        for (int size : new int[] {1, 2, 100, 8190}) {
            CreateTransfer[] items = new CreateTransfer[size];
            Result[] results = new Result[size];
            for (int i = 0; i < size; i++) {
                long id = switch (random.nextInt(3)) {
                    case 0 -> random.nextLong(Long.MAX_VALUE);
                    case 1 -> 1 + random.nextInt(1000);
                    default -> random.nextBoolean() ? Long.MAX_VALUE : 0;
                };
                items[i] = new CreateTransfer(id, 1, 2, 3, 156, 1, 0, 0, 0, 0, 0);
                results[i] = random.nextInt(4) == 0 ? all.get(random.nextInt(all.size())) : Result.ok;
            }
            BodyBytes body = ResultsBody.write(items, results);
            assertThat(new String(body.stream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(jackson(items, results), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The writer this replaced. */
    private static byte[] jackson(CreateTransfer[] items, Result[] results) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            for (int i = 0; i < items.length; i++) {
                g.writeStartObject();
                g.writeStringField("id", Long.toString(items[i].id()));
                g.writeStringField("result", results[i].apiName());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}

package io.atta.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.core.command.Result;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchJsonTest {
    private final BatchJson json = new BatchJson(new JsonFactory());

    @Test
    void optionalFieldsAreWrittenOnlyWhenSet() throws Exception {
        NewTransfer pending = new NewTransfer(1, 2, 3, 100, Currency.JPY, 7, TransferFlags.pending | TransferFlags.linked,
                0, 60, 99);
        NewTransfer post = new NewTransfer(4, 0, 0, 0, Currency.JPY, 1, TransferFlags.postPending, 1, 0, 0);

        JsonNode body = new ObjectMapper().readTree(json.encodeTransfers(List.of(pending, post)));

        JsonNode first = body.get("transfers").get(0);
        assertThat(first.get("amount").asText()).isEqualTo("100");
        assertThat(first.get("code").asInt()).isEqualTo(7);
        assertThat(first.get("flags").toString()).isEqualTo("[\"linked\",\"pending\"]");
        assertThat(first.get("timeout_seconds").asInt()).isEqualTo(60);
        assertThat(first.get("user_data").asText()).isEqualTo("99");
        JsonNode second = body.get("transfers").get(1);
        assertThat(second.toString())
                .isEqualTo("{\"id\":\"4\",\"currency\":\"JPY\",\"flags\":[\"post_pending\"],\"pending_id\":\"1\"}");
    }

    @Test
    void resultsAreReadInOrderIgnoringUnknownFields() throws Exception {
        byte[] reply = ("{\"extra\":{\"a\":[1,2]},\"results\":[{\"id\":\"9\",\"result\":\"ok\",\"note\":null},"
                + "{\"result\":\"insufficient_funds\",\"id\":\"10\"}]}").getBytes(StandardCharsets.UTF_8);

        BatchResults r = json.parseResults(reply, reply.length, 2);

        assertThat(r.size()).isEqualTo(2);
        assertThat(r.id(1)).isEqualTo(10);
        assertThat(r.result(1)).isEqualTo(Result.insufficient_funds);
        assertThat(r.firstNotOk()).isEqualTo(1);
    }

    @Test
    void unknownResultsAreRefused() {
        byte[] reply = "{\"results\":[{\"id\":\"9\",\"result\":\"surprise\"}]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> json.parseResults(reply, reply.length, 1))
                .isInstanceOf(AttaClientException.class).hasMessageContaining("surprise");
    }
}

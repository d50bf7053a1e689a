package io.atta.cluster.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.command.Result;
import io.atta.core.command.ResultRange;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Results between nodes travel as their stable codes, product results included. */
class ResultCodecTest {

    @Test
    void everyResultComesBackAsItself() {
        Result product = ResultRange.test.define(9977, "test_codec_product_result");
        List<Result> all = Result.all();
        Random random = new Random(14);
        Result[] sent = new Result[1_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = all.get(random.nextInt(all.size()));
        }
        sent[0] = product;
        sent[1] = Result.transfer_id_not_in_shard_slot;

        assertThat(ResultCodec.decode(ResultCodec.encode(sent))).containsExactly(sent);
    }

    @Test
    void theWireHoldsTheCodeNotAPosition() {
        assertThat(ResultCodec.encode(new Result[] {Result.ok, Result.insufficient_funds})).containsExactly(0, 0, 0, 23);
    }

    @Test
    void anUnknownCodeFromAnotherNodeIsAnError() {
        assertThatThrownBy(() -> ResultCodec.decode(new byte[] {0x23, 0x0f}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown result 8975");
        assertThatThrownBy(() -> ResultCodec.decode(new byte[] {0})).hasMessageContaining("two per result");
    }
}

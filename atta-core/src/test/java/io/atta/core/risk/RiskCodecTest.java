package io.atta.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.command.BatchCodec;
import io.atta.core.command.BeginTransaction;
import io.atta.core.command.ClientContext;
import io.atta.core.command.CommandFields;
import io.atta.core.command.CreateTransfer;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The log form of risk control: a transfer's client context round-trips, alone and as a
 * transaction's leg; a transfer without one keeps exactly its older bytes (so older logs decode
 * as before); the rule set and review commands round-trip.
 */
class RiskCodecTest {
    private static final ClientContext context = new ClientContext(42, -7, Long.MIN_VALUE, 0xFFFF_0A00_0001L);
    private static final CreateTransfer plain = new CreateTransfer(1, 2, 3, 4, 156, 1, 0xF, 5, 6, 7, 8);

    @Test
    void aTransferWithoutAContextKeepsItsOlderBytes() {
        byte[] bytes = BatchCodec.encode(9, List.of(plain));

        assertThat(bytes.length).isEqualTo(BatchCodec.headerBytes + 1 + CommandFields.transferBytes);
        ByteBuffer old = ByteBuffer.allocate(BatchCodec.headerBytes + 1 + CommandFields.transferBytes);
        old.put(BatchCodec.version).putLong(9).putInt(1).put((byte) 3).putLong(1).putLong(2).putLong(3).putLong(4)
                .putInt(156).putInt(1).putInt(0xF).putLong(5).putInt(6).putLong(7).putLong(8);
        assertThat(bytes).isEqualTo(old.array());
        assertThat(BatchCodec.decode(ByteBuffer.wrap(old.array())).commands()).containsExactly(plain);
    }

    @Test
    void aContextRoundTripsAloneAndAsALeg() {
        CreateTransfer t = new CreateTransfer(1, 2, 3, 4, 156, 1, 0, 0, 0, 7, 0, context);
        BeginTransaction tx = new BeginTransaction(1, 2, new CreateTransfer[] {t, plain});

        byte[] bytes = BatchCodec.encode(9, List.of(t, tx));

        var decoded = BatchCodec.decode(ByteBuffer.wrap(bytes)).commands();
        assertThat(decoded[0]).isEqualTo(t);
        assertThat(((BeginTransaction) decoded[1]).legs()).containsExactly(t, plain);
        assertThat(t.initiatingUserId()).isEqualTo(42);
        assertThatThrownBy(() -> BatchCodec.encode(9, List.of(new CreateTransfer(1, 2, 3, 4, 156, 1, 1 << 31, 0, 0,
                0, 0)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bit 31");
    }

    @Test
    void riskCommandsRoundTrip() {
        PutRiskRules rules = DefaultRiskRules.of(7, true);
        SetKycLevel kyc = new SetKycLevel(42, 2, 9);
        DecideReview review = new DecideReview(-1, true, 9);

        byte[] bytes = BatchCodec.encode(9, List.of(rules, kyc, review));

        assertThat(BatchCodec.decode(ByteBuffer.wrap(bytes)).commands()).containsExactly(rules, kyc, review);
        assertThat(RuleSetCheck.check(rules)).isNull();
        assertThat(rules.rules()).hasSizeGreaterThanOrEqualTo(10);
    }
}

package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayAmountTest {
    @Test
    void parses_protocol_amounts_to_fen() {
        assertThat(GatewayAmount.parse("88.88", "total_amount").value()).isEqualTo(8888L);
        assertThat(GatewayAmount.parse("1", "total_amount").value()).isEqualTo(100L);
        assertThat(GatewayAmount.parse("0.5", "total_amount").value()).isEqualTo(50L);
        assertThat(GatewayAmount.parse("0.01", "total_amount").value()).isEqualTo(1L);
        assertThat(GatewayAmount.parse("007.10", "total_amount").value()).isEqualTo(710L);
        assertThat(GatewayAmount.parse("100000000.00", "total_amount").value()).isEqualTo(10_000_000_000L);
    }

    @Test
    void refuses_anything_else_naming_the_field_and_the_limits() {
        for (String bad : new String[] {null, "", "0", "0.00", "0.001", "1.234", "100000000.01", "1e3", "-1", "+1",
                " 1", "1.", ".5", "1,00", "1.2.3", "１", "99999999999999999999"}) {
            GatewayResult<Long> r = GatewayAmount.parse(bad, "refund_amount");
            assertThat(r.isOk()).as(bad).isFalse();
            assertThat(r.error().subCode()).isEqualTo("isv.invalid-parameter");
            assertThat(r.error().subMsg()).as(bad).startsWith("refund_amount must be an amount in yuan")
                    .contains("0.01").contains("100000000.00");
        }
    }

    @Test
    void formats_fen_with_exactly_two_decimals() {
        assertThat(GatewayAmount.format(8888)).isEqualTo("88.88");
        assertThat(GatewayAmount.format(50)).isEqualTo("0.50");
        assertThat(GatewayAmount.format(1)).isEqualTo("0.01");
        assertThat(GatewayAmount.format(0)).isEqualTo("0.00");
        assertThat(GatewayAmount.format(10_000_000_000L)).isEqualTo("100000000.00");
        assertThatThrownBy(() -> GatewayAmount.format(-1)).isInstanceOf(IllegalArgumentException.class);
        for (long v = 1; v < 100_000; v += 37) {
            assertThat(GatewayAmount.parse(GatewayAmount.format(v), "x").value()).isEqualTo(v);
        }
    }
}

package io.atta.server.gateway;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayErrorTest {
    @Test
    void every_fault_has_a_group_text_a_unique_sub_code_and_a_default_sub_msg() {
        Set<String> subCodes = new HashSet<>();
        for (GatewayError.Fault f : GatewayError.Fault.values()) {
            GatewayError e = f.error();
            assertThat(e.msg()).as(f.name()).isNotBlank();
            assertThat(e.subMsg()).as(f.name()).isNotBlank();
            assertThat(subCodes.add(e.subCode())).as(e.subCode()).isTrue();
            assertThat(e.subCode()).startsWith(e.code().equals("40004") ? "ACQ." : e.code().startsWith("2") ? "" : "isv.");
        }
    }

    @Test
    void the_groups_carry_alipays_texts() {
        assertThat(GatewayError.Fault.MISSING_SIGNATURE.error().msg()).isEqualTo("Missing Required Arguments");
        assertThat(GatewayError.Fault.INVALID_APP_ID.error().msg()).isEqualTo("Invalid Arguments");
        assertThat(GatewayError.Fault.TRADE_HAS_SUCCESS.error().msg()).isEqualTo("Business Failed");
        assertThat(GatewayError.Fault.SERVICE_UNAVAILABLE.error().subCode()).isEqualTo("isp.unknow-error");
        assertThat(GatewayError.Fault.SERVICE_UNAVAILABLE.error().msg()).isEqualTo("Service Currently Unavailable");
        assertThat(GatewayError.Fault.INVALID_AUTH_TOKEN.error().msg()).isEqualTo("Insufficient Token Permissions");
        assertThat(GatewayError.invalidParameter("total_amount", "must be at most 100000000.00").subMsg())
                .isEqualTo("total_amount must be at most 100000000.00");
    }
}

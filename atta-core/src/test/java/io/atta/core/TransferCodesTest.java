package io.atta.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform's account and transfer codes: one meaning each, all inside the platform's block. */
class TransferCodesTest {

    @Test
    void everyCodeIsUniqueAndThePlatforms() throws IllegalAccessException {
        Map<Integer, String> byCode = new HashMap<>();
        for (Field f : TransferCodes.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getName().startsWith("platform")) {
                continue;
            }
            int code = f.getInt(null);
            assertThat(byCode.put(code, f.getName())).as("code %d of %s is also %s", code, f.getName(),
                    byCode.get(code)).isNull();
            assertThat(TransferCodes.platformOwned(code)).as(f.getName()).isTrue();
        }
        assertThat(byCode).hasSize(36);
    }

    @Test
    void callersKeepEverythingOutsideThePlatformsBlock() {
        assertThat(TransferCodes.platformOwned(1)).isFalse();
        assertThat(TransferCodes.platformOwned(8_999)).isFalse();
        assertThat(TransferCodes.platformOwned(9_000)).isTrue();
        assertThat(TransferCodes.platformOwned(9_999)).isTrue();
        assertThat(TransferCodes.platformOwned(10_000)).isFalse();
    }

    @Test
    void releasedCodesKeepTheirMeaning() {
        assertThat(new int[] {TransferCodes.topUp, TransferCodes.withdraw, TransferCodes.settlementSweep,
                TransferCodes.p2pPayment, TransferCodes.tradeHold, TransferCodes.tradeRelease, TransferCodes.tradeFee,
                TransferCodes.tradeRefund, TransferCodes.tradeFeeRefund, TransferCodes.channelDeposit,
                TransferCodes.channelWithdrawal, TransferCodes.houseAccount, TransferCodes.channelClearingAccount,
                TransferCodes.merchantReceivableAccount, TransferCodes.fundAccount, TransferCodes.fundSubscription,
                TransferCodes.fundRedemption, TransferCodes.fundRedemptionPayout, TransferCodes.fundIncome,
                TransferCodes.fundIncomeRemainder})
                .containsExactly(9001, 9002, 9003, 9004, 9101, 9102, 9103, 9104, 9105, 9120, 9121, 9000, 9100, 9110,
                        9130, 9131, 9132, 9133, 9134, 9135);
    }
}

package io.atta.server.gateway;

import io.atta.core.Funding;

/**
 * {@code enable_pay_channels} of {@code alipay.trade.pay}: Alipay's comma-separated list of the
 * channels a merchant lets the buyer pay with. Atta pays by the first listed channel it has:
 * {@code balance} (the wallet), {@code moneyFund} (the fund) or {@code pcredit} (credit pay);
 * others are skipped. Without the field the wallet pays (docs/ALIPAY.md).
 */
final class PayChannels {
    private PayChannels() {
    }

    static Funding funding(BizFields biz) {
        if (!biz.has("enable_pay_channels")) {
            return Funding.wallet;
        }
        for (String channel : biz.text("enable_pay_channels", 512, "a list of channels").split(",")) {
            Funding f = switch (channel.trim()) {
                case "balance" -> Funding.wallet;
                case "moneyFund" -> Funding.fund;
                case "pcredit" -> Funding.credit_pay;
                default -> null;
            };
            if (f != null) {
                return f;
            }
        }
        throw new BizFields.Invalid("biz_content.enable_pay_channels must list balance, moneyFund or pcredit");
    }
}

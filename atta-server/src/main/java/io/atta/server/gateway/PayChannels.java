package io.atta.server.gateway;

import io.atta.core.Funding;

import java.util.ArrayList;
import java.util.List;

/**
 * Which {@link Funding} pays an {@code alipay.trade.pay}, from Alipay's channel lists in
 * biz_content: {@code enable_pay_channels} (the channels allowed, in the order to try; the
 * official SDK's trade.pay model lacks it, so it is set through biz_content) and
 * {@code disable_pay_channels} (channels not allowed). Atta's channels are {@code balance} (the
 * wallet), {@code moneyFund} (the fund) and {@code pcredit} (credit pay), tried in that order
 * when no list is given; others are ignored. The first channel left pays, with no fallback to the
 * next (docs/ALIPAY.md).
 */
final class PayChannels {
    private static final List<String> defaultOrder = List.of("balance", "moneyFund", "pcredit");

    private PayChannels() {
    }

    static Funding funding(BizFields biz) {
        List<String> allowed = new ArrayList<>(biz.has("enable_pay_channels")
                ? list(biz.text("enable_pay_channels", 512, "a list of channels")) : defaultOrder);
        if (biz.has("disable_pay_channels")) {
            allowed.removeAll(list(biz.text("disable_pay_channels", 512, "a list of channels")));
        }
        for (String channel : allowed) {
            Funding f = switch (channel) {
                case "balance" -> Funding.wallet;
                case "moneyFund" -> Funding.fund;
                case "pcredit" -> Funding.credit_pay;
                default -> null;
            };
            if (f != null) {
                return f;
            }
        }
        throw new BizFields.Invalid("biz_content.enable_pay_channels and disable_pay_channels leave none of "
                + "balance, moneyFund, pcredit to pay with");
    }

    private static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}

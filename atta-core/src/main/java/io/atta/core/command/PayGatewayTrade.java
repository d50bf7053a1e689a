package io.atta.core.command;

/**
 * A {@link PayTrade} of an order opened through the Alipay gateway, with the terms only the
 * gateway needs: its app and the notify_url the trade's notifications go to. Its binary form
 * (code 14) is the one every payment had before REST payments got their own compact one
 * ({@link PayTrade}, code 30): a log written before decodes every payment as this command, with
 * no terms where the payment had none, and applies it exactly as then.
 */
public record PayGatewayTrade(PayTrade payment, Terms terms) implements Command {
    public PayGatewayTrade {
        if (payment == null || terms == null) {
            throw new IllegalArgumentException("a gateway payment needs a payment and its terms");
        }
    }

    /**
     * @param appId     the order's Alipay gateway app, or 0
     * @param notifyUrl the order's notify_url (where its notifications go), or ""
     */
    public record Terms(long appId, String notifyUrl) {
        public static final Terms none = new Terms(0, "");

        public Terms {
            notifyUrl = notifyUrl == null ? "" : notifyUrl;
        }

        public boolean isNone() {
            return appId == 0 && notifyUrl.isEmpty();
        }
    }
}

package io.atta.server.gateway;

/**
 * {@code fund_bill_list}: where a payment's money came from. Atta pays from the buyer's wallet
 * balance only, which Alipay names {@code ALIPAYACCOUNT}.
 */
final class FundBills {
    static final String walletChannel = "ALIPAYACCOUNT";

    private FundBills() {
    }

    /** As a notification carries it: a JSON array in one form field. */
    static String json(long amount) {
        return "[{\"amount\":\"" + GatewayAmount.format(amount) + "\",\"fundChannel\":\"" + walletChannel + "\"}]";
    }
}

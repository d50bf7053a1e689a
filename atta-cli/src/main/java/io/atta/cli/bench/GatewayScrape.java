package io.atta.cli.bench;

/**
 * The gateway's figures read off the server's Prometheus text ({@code /metrics}): the seconds
 * spent checking requests' signatures and signing answers (timer sums), and the answers of one
 * method with one code. Differences of two scrapes give what one phase of the bench cost.
 */
record GatewayScrape(double verifySeconds, long verifyCount, double signSeconds, long signCount, long answered) {
    static final String verifySumMetric = "atta_gateway_verify_seconds_sum";
    static final String verifyCountMetric = "atta_gateway_verify_seconds_count";
    static final String signSumMetric = "atta_gateway_sign_seconds_sum";
    static final String signCountMetric = "atta_gateway_sign_seconds_count";
    static final String requestsMetric = "atta_gateway_requests_total";

    /** Parses {@code text}, counting answers to {@code method} with {@code code}. */
    static GatewayScrape parse(String text, String method, String code) {
        double verify = 0;
        double sign = 0;
        long verifies = 0;
        long signs = 0;
        long answered = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(verifySumMetric + " ")) {
                verify = value(line);
            } else if (line.startsWith(verifyCountMetric + " ")) {
                verifies = (long) value(line);
            } else if (line.startsWith(signSumMetric + " ")) {
                sign = value(line);
            } else if (line.startsWith(signCountMetric + " ")) {
                signs = (long) value(line);
            } else if (line.startsWith(requestsMetric + "{") && line.contains("method=\"" + method + "\"")
                    && line.contains("code=\"" + code + "\"")) {
                answered += (long) value(line);
            }
        }
        return new GatewayScrape(verify, verifies, sign, signs, answered);
    }

    /** What happened between {@code before} and this scrape. */
    GatewayScrape since(GatewayScrape before) {
        return new GatewayScrape(verifySeconds - before.verifySeconds, verifyCount - before.verifyCount,
                signSeconds - before.signSeconds, signCount - before.signCount, answered - before.answered);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
    }
}

package io.atta.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.server.gateway.GatewayAmount;
import io.atta.server.gateway.GatewayReply;
import io.atta.server.gateway.GatewaySignature;
import io.atta.server.gateway.GatewayTime;
import io.atta.server.gateway.SignType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code alipay.trade.pay} requests as the official SDK sends them, and its check of the answers.
 * A request carries the protocol parameters in the query and {@code biz_content} in a form body
 * (docs/ALIPAY.md), signed RSA2 by the app's private key over every parameter but
 * {@code sign}. An answer is accepted as the SDK accepts it: its {@code sign} checked with the
 * platform's public key over the exact text of the {@code alipay_trade_pay_response} object.
 */
final class GatewayPayRequests {
    static final String method = "alipay.trade.pay";
    static final String formContentType = "application/x-www-form-urlencoded;charset=utf-8";
    static final String subject = "bench goods";
    private static final String root = GatewayReply.rootName(method);
    /** The reply is {@code {"<root>":{…},"sign":"…"}}; the signed text sits between these two. */
    private static final String innerStart = "{\"" + root + "\":";
    private static final String signStart = ",\"sign\":\"";
    private static final ObjectMapper json = new ObjectMapper();

    private GatewayPayRequests() {
    }

    /** One signed request: what goes after {@code ?} and the form body, for the trade it opens and pays. */
    record PayRequest(String rawQuery, byte[] body, String outTradeNo, long amountMinor) {
    }

    /** What a checked answer said: the trade it paid, or why the SDK would refuse it. */
    record Answer(boolean ok, String problem) {
        static final Answer paid = new Answer(true, null);

        static Answer refused(String problem) {
            return new Answer(false, problem);
        }
    }

    /** The buyer behind {@code authCode} pays {@code amountMinor} fen for {@code outTradeNo}, signed now. */
    static PayRequest build(String appId, PrivateKey appKey, String outTradeNo, String authCode, long amountMinor,
                            Instant timestamp) {
        ObjectNode biz = json.createObjectNode();
        biz.put("out_trade_no", outTradeNo);
        biz.put("scene", "bar_code");
        biz.put("auth_code", authCode);
        biz.put("total_amount", GatewayAmount.format(amountMinor));
        biz.put("subject", subject);
        String bizContent;
        try {
            bizContent = json.writeValueAsString(biz);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("app_id", appId);
        protocol.put("method", method);
        protocol.put("format", "json");
        protocol.put("charset", "utf-8");
        protocol.put(SignType.parameter, SignType.RSA2.wire());
        protocol.put(GatewayTime.timestampParameter, GatewayTime.format(timestamp));
        protocol.put("version", "1.0");
        Map<String, String> signed = new LinkedHashMap<>(protocol);
        signed.put("biz_content", bizContent);
        String sign = GatewaySignature.sign(GatewaySignature.signContent(signed, GatewaySignature.requestExcluded),
                appKey, SignType.RSA2);
        protocol.put("sign", sign);
        StringBuilder query = new StringBuilder(512);
        for (Map.Entry<String, String> e : protocol.entrySet()) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        byte[] body = ("biz_content=" + URLEncoder.encode(bizContent, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        return new PayRequest(query.toString(), body, outTradeNo, amountMinor);
    }

    /**
     * Checks an answer to {@code request}: signed by the platform (when {@code verifySignature}),
     * code 10000, and about the same trade and amount.
     */
    static Answer check(PayRequest request, String body, PublicKey platformKey, boolean verifySignature) {
        int end = body.lastIndexOf(signStart);
        if (!body.startsWith(innerStart) || end < innerStart.length()) {
            return Answer.refused("not a signed " + root + ": " + cut(body));
        }
        String inner = body.substring(innerStart.length(), end);
        if (verifySignature) {
            int signEnd = body.indexOf('"', end + signStart.length());
            String sign = signEnd < 0 ? "" : body.substring(end + signStart.length(), signEnd);
            if (!GatewaySignature.verify(inner, sign, platformKey, SignType.RSA2)) {
                return Answer.refused("the answer's signature does not verify with the platform key: " + cut(body));
            }
        }
        JsonNode fields;
        try {
            fields = json.readTree(inner);
        } catch (JsonProcessingException e) {
            return Answer.refused("the answer is not JSON: " + cut(body));
        }
        if (!GatewayReply.codeSuccess.equals(fields.path("code").asText())) {
            return Answer.refused("answered " + fields.path("code").asText() + " " + fields.path("sub_code").asText()
                    + ": " + fields.path("sub_msg").asText());
        }
        if (!request.outTradeNo().equals(fields.path("out_trade_no").asText())
                || !GatewayAmount.format(request.amountMinor()).equals(fields.path("total_amount").asText())) {
            return Answer.refused("the answer is about another trade or amount: " + cut(inner));
        }
        return Answer.paid;
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}

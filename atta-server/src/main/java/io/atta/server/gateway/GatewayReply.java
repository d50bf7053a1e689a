package io.atta.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One gateway reply body: {@code {"<method_with_underscores>_response":{…},"sign":"…"}}.
 *
 * <p>The SDK checks the signature over the exact characters between the braces of the
 * {@code _response} object (it finds the root name, skips the closing quote and the colon, and
 * takes the balanced braces that follow). So the inner object is written once, signed as written,
 * and the outer object is assembled around it by concatenation, with no space after the colon.
 */
public final class GatewayReply {
    /** What the route sends as Content-Type for a UTF-8 client. */
    public static final String contentTypeUtf8 = "text/html;charset=utf-8";
    public static final String codeSuccess = "10000";
    public static final String msgSuccess = "Success";
    /** {@code alipay.trade.pay}: the order exists and waits for the buyer to confirm in the wallet. */
    public static final String codeWaitingForBuyer = "10003";
    public static final String msgWaitingForBuyer = "order success pay inprocess";
    /** The root the SDK falls back to when there is no method to name the reply after. */
    public static final String errorRoot = "error_response";
    public static final String responseSuffix = "_response";

    private static final Pattern methodName = Pattern.compile("[A-Za-z0-9_.]{1,128}");
    private static final ObjectMapper mapper = new ObjectMapper();

    private final String root;
    private final ObjectNode fields = mapper.createObjectNode();
    private final boolean success;

    private GatewayReply(String method, String code, String msg, boolean success) {
        this.root = rootName(method);
        this.success = success;
        fields.put("code", code);
        fields.put("msg", msg);
    }

    /** A {@code 10000 Success} reply for {@code method}. */
    public static GatewayReply success(String method) {
        return new GatewayReply(Objects.requireNonNull(method, "method"), codeSuccess, msgSuccess, true);
    }

    /** A {@code 10003} reply: accepted, the buyer has yet to confirm. The SDK counts it as a success. */
    public static GatewayReply waitingForBuyer(String method) {
        return new GatewayReply(Objects.requireNonNull(method, "method"), codeWaitingForBuyer, msgWaitingForBuyer,
                true);
    }

    /**
     * An error reply for {@code method}; {@code null} or a malformed method (a request without one)
     * is answered under {@code error_response}, which the SDK also looks for.
     */
    public static GatewayReply error(String method, GatewayError error) {
        GatewayReply reply = new GatewayReply(method, error.code(), error.msg(), false);
        reply.fields.put("sub_code", error.subCode());
        reply.fields.put("sub_msg", error.subMsg());
        return reply;
    }

    /** The object key for {@code method}: {@code alipay.trade.query} → {@code alipay_trade_query_response}. */
    public static String rootName(String method) {
        if (method == null || !methodName.matcher(method).matches()) {
            return errorRoot;
        }
        return method.replace('.', '_') + responseSuffix;
    }

    /** Adds a string field (Alipay sends amounts and dates as strings too); a null value is left out. */
    public GatewayReply put(String name, String value) {
        checkName(name);
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    /** Adds a structured field such as {@code fund_bill_list}; a null value is left out. */
    public GatewayReply put(String name, JsonNode value) {
        checkName(name);
        if (value != null) {
            fields.set(name, value);
        }
        return this;
    }

    /** A new empty array for a structured field, e.g. {@code fund_bill_list}. */
    public static ArrayNode newArray() {
        return mapper.createArrayNode();
    }

    /** A new empty object for an element of a structured field. */
    public static ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    public boolean isSuccess() {
        return success;
    }

    /** The answer's code: 10000, 10003 or an error's. */
    public String code() {
        return fields.get("code").asText();
    }

    public String root() {
        return root;
    }

    /** A rendered body, to be sent with HTTP 200 as {@link #bytes()} under {@link #contentType()}. */
    public record Body(String text, Charset charset) {
        public byte[] bytes() {
            return text.getBytes(charset);
        }

        public String contentType() {
            return charset.equals(StandardCharsets.UTF_8) ? contentTypeUtf8 : "text/html;charset=" + charset.name();
        }
    }

    /**
     * The body, signed with {@code key} over the inner object's bytes in {@code charset} (the SDK
     * checks over its own {@code charset}'s bytes). {@code key} may be null only for an error: the
     * SDK accepts an unsigned error reply but refuses an unsigned success.
     */
    public Body render(PrivateKey key, SignType type, Charset charset) {
        if (key == null && success) {
            throw new IllegalArgumentException("a success reply must be signed");
        }
        String inner = write(fields);
        StringBuilder body = new StringBuilder(inner.length() + root.length() + 400);
        body.append('{').append(write(root)).append(':').append(inner);
        if (key != null) {
            body.append(",\"sign\":\"").append(GatewaySignature.sign(inner, charset, key, type)).append('"');
        }
        body.append('}');
        return new Body(body.toString(), charset);
    }

    /** The fields written as the reply will carry them, for tests and logs. */
    public String innerJson() {
        return write(fields);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || "code".equals(name) || "msg".equals(name)) {
            throw new IllegalArgumentException("not a field a reply may add: " + name);
        }
    }

    private static String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings always serialises", e);
        }
    }
}

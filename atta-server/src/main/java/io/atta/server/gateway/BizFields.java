package io.atta.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of a method's {@code biz_content}, read with errors that name the field and its
 * limit ({@code ACQ.INVALID_PARAMETER}). Fields a method does not use are ignored, as Alipay
 * ignores them: the SDK's models send many optional ones.
 */
final class BizFields {
    /** A biz_content field that is missing or invalid. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }

        MethodReply reply() {
            return MethodReply.refused(GatewayError.Fault.BIZ_INVALID_PARAMETER, getMessage());
        }
    }

    private final ObjectNode biz;

    BizFields(ObjectNode biz) {
        this.biz = biz;
    }

    boolean has(String name) {
        JsonNode v = biz.get(name);
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
    }

    /** A required text of 1 to {@code maxChars} characters, without control characters. */
    String text(String name, int maxChars, String limitName) {
        if (!has(name)) {
            throw new Invalid("biz_content." + name + " is required");
        }
        return optionalText(name, maxChars, limitName);
    }

    /** A text, or "" when absent. */
    String optionalText(String name, int maxChars, String limitName) {
        if (!has(name)) {
            return "";
        }
        JsonNode v = biz.get(name);
        if (!v.isTextual() && !v.isNumber()) {
            throw new Invalid("biz_content." + name + " must be a string");
        }
        String s = v.asText();
        if (s.codePointCount(0, s.length()) > maxChars) {
            throw new Invalid("biz_content." + name + " is longer than " + maxChars + " characters (" + limitName
                    + ")");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw new Invalid("biz_content." + name + " must not contain control characters");
            }
        }
        return s;
    }

    /** A required amount, such as "88.88": 0.01 to 100000000.00, at most two decimals. */
    long amount(String name) {
        String text = text(name, 32, "an amount");
        GatewayResult<Long> r = GatewayAmount.parse(text, "biz_content." + name);
        if (!r.isOk()) {
            throw new Invalid(r.error().subMsg());
        }
        return r.value();
    }
}

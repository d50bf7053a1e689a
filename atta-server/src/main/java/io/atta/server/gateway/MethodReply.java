package io.atta.server.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a gateway method answers, before it is written and signed: a success with its fields in
 * the order Alipay writes them, or a refusal ({@code 40004} with an {@code ACQ.*} sub-code) with
 * the fields that say which trade it was about. Field values are strings, or lists and maps of
 * them ({@code fund_bill_list}).
 *
 * @param error the refusal, or null for a success
 */
record MethodReply(GatewayError error, Map<String, Object> fields) {
    private static final ObjectMapper mapper = new ObjectMapper();

    static MethodReply ok(Map<String, Object> fields) {
        return new MethodReply(null, fields);
    }

    static MethodReply refused(GatewayError.Fault fault, String subMsg) {
        return new MethodReply(fault.error(subMsg), new LinkedHashMap<>());
    }

    /** The same reply with one more field. */
    MethodReply with(String name, String value) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.put(name, value);
        return new MethodReply(error, f);
    }

    /** The reply of {@code method}, ready to render. */
    GatewayReply reply(String method) {
        GatewayReply r = error == null ? GatewayReply.success(method) : GatewayReply.error(method, error);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            if (f.getValue() instanceof String s) {
                r.put(f.getKey(), s);
            } else {
                r.put(f.getKey(), tree(f.getValue()));
            }
        }
        return r;
    }

    /**
     * A field's value as JSON: strings, lists and maps of them built directly (this runs for every
     * paid answer's {@code fund_bill_list}); anything else as Jackson would write it.
     */
    private static JsonNode tree(Object value) {
        if (value instanceof String s) {
            return TextNode.valueOf(s);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = GatewayReply.newArray();
            for (Object element : list) {
                array.add(tree(element));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = GatewayReply.newObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.set(String.valueOf(e.getKey()), tree(e.getValue()));
            }
            return object;
        }
        return mapper.valueToTree(value);
    }
}

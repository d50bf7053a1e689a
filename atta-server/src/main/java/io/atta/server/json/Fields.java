package io.atta.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.core.Currency;
import io.atta.core.Funding;
import io.atta.server.http.ApiException;

import java.util.Iterator;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Strict reading of one JSON object of a request: unknown fields are refused, a null counts as
 * absent, and every error names the field by its JSON path ({@code accounts[3].currency}).
 */
public final class Fields {
    private final ObjectNode node;
    private final String path;

    private Fields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Reads {@code node} (at JSON path {@code path}, "" for the body) that may hold only {@code known}. */
    public static Fields of(ObjectNode node, String path, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        Fields f = new Fields(node, path);
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.unknownField(f.path(name));
            }
        }
        return f;
    }

    /** The JSON path of one of this object's fields. */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    public String string(String name) {
        if (!has(name)) {
            throw ApiException.missingField(path(name));
        }
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw ApiException.invalidField(path(name), "must be a string");
        }
        return v.textValue();
    }

    public long id(String name) {
        return ValueText.id(string(name), path(name));
    }

    /** An optional id; 0 when absent. */
    public long optionalId(String name) {
        return has(name) ? id(name) : 0;
    }

    /** An optional {@code user_data}; 0 when absent. */
    public long userData(String name) {
        return has(name) ? ValueText.userData(string(name), path(name)) : 0;
    }

    public Currency currency(String name) {
        return ValueText.currency(string(name), path(name));
    }

    /**
     * An optional {@code funding_source}-like field: where a payer's money comes from, the wallet
     * when absent. A source the platform runs no product for is refused by the payer's shard.
     */
    public Funding funding(String name) {
        if (!has(name)) {
            return Funding.wallet;
        }
        Funding f = Funding.ofName(string(name));
        if (f == null) {
            throw ApiException.invalidField(path(name), "must be one of " + Funding.names());
        }
        return f;
    }

    public long positiveAmount(String name, Currency currency) {
        return AmountText.parsePositive(string(name), currency, path(name));
    }

    /** An optional integer in {@code [min, max]}, {@code absent} when not given. */
    public int integer(String name, int min, int max, int absent) {
        return integer(name, min, max, absent, null);
    }

    /**
     * As {@link #integer(String, int, int, int)}; a value out of range is refused with a message
     * that names {@code maxLimitName}, the limit {@code max} comes from.
     */
    public int integer(String name, int min, int max, int absent, String maxLimitName) {
        if (!has(name)) {
            return absent;
        }
        JsonNode v = node.get(name);
        if (!v.isIntegralNumber()) {
            throw ApiException.invalidField(path(name), "must be an integer");
        }
        if (!v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw ApiException.invalidField(path(name), "must be between " + min + " and " + max
                    + (maxLimitName == null ? "" : " (" + maxLimitName + ")"));
        }
        return v.intValue();
    }

    /**
     * An optional array of flag names as a bit set. {@code bitOf} gives a name's bit, or -1 for a
     * name that may not be given here; {@code names} lists the ones that may, for the message.
     */
    public int flags(String name, ToIntFunction<String> bitOf, String names) {
        if (!has(name)) {
            return 0;
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw ApiException.invalidField(path(name), "must be an array of flag names");
        }
        int flags = 0;
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            int bit = e.isTextual() ? bitOf.applyAsInt(e.textValue()) : -1;
            if (bit < 0) {
                throw ApiException.invalidField(path(name) + "[" + i + "]", "must be one of " + names);
            }
            flags |= bit;
        }
        return flags;
    }

    /** A required array of 1 to {@code max} objects; more is 413 naming {@code limitName}. */
    public ArrayNode objects(String name, int max, String limitName) {
        if (!has(name)) {
            throw ApiException.missingField(path(name));
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw ApiException.invalidField(path(name), "must be an array");
        }
        if (v.size() > max) {
            throw ApiException.batchTooLarge(path(name), limitName, max);
        }
        if (v.isEmpty()) {
            throw ApiException.invalidField(path(name), "must hold 1 to " + max + " items");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw ApiException.invalidField(path(name) + "[" + i + "]", "must be an object");
            }
        }
        return (ArrayNode) v;
    }
}

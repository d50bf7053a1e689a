package io.atta.server.risk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.risk.PutRiskRules;
import io.atta.core.risk.RiskDecision;
import io.atta.core.risk.RiskLimits;
import io.atta.core.risk.RiskRule;
import io.atta.core.risk.RuleKind;
import io.atta.core.risk.RuleSetCheck;
import io.atta.core.risk.ScoreFeature;
import io.atta.server.http.ApiException;
import io.atta.server.json.AmountText;
import io.atta.server.json.Fields;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A rule set in JSON (docs/RISK.md, Rules): parsed from {@code PUT /v1/risk/rules}, written for {@code GET}. */
final class RuleSetJson {
    private static final Set<String> setFields = Set.of("version", "mode", "currency", "windows_seconds",
            "review_hold_seconds", "operator_transfers", "rules");
    private static final Set<String> common = Set.of("kind", "decision", "reason");
    private static final int ipv4InIpv6 = 96;

    private RuleSetJson() {
    }

    static PutRiskRules parse(byte[] body, long actingKeyId) {
        ObjectNode root = Json.object(body, false);
        Fields f = Fields.of(root, "", setFields);
        long version = longValue(root, "version", 1, Long.MAX_VALUE);
        String mode = f.has("mode") ? f.string("mode") : "enforce";
        if (!mode.equals("enforce") && !mode.equals("shadow")) {
            throw ApiException.invalidField("mode", "must be enforce or shadow");
        }
        Currency currency = f.has("currency") ? f.currency("currency") : Currency.CNY;
        long[] windows = longs(root, "windows_seconds", RiskLimits.maxWindows, "maxWindows");
        int hold = f.integer("review_hold_seconds", 1, RiskLimits.maxReviewHoldSeconds, 24 * 3600,
                "maxReviewHoldSeconds");
        ArrayNode items = f.has("rules") && root.get("rules").isArray() && root.get("rules").isEmpty() ? null
                : f.has("rules") ? array(root, "rules", RiskLimits.maxRules, "maxRules") : null;
        List<RiskRule> rules = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            rules.add(rule(items.get(i), "rules[" + i + "]", currency));
        }
        JsonNode operator = root.get("operator_transfers");
        if (operator != null && !operator.isNull() && !operator.isBoolean()) {
            throw ApiException.invalidField("operator_transfers", "must be true or false");
        }
        PutRiskRules p = new PutRiskRules(version, mode.equals("shadow"), operator != null && operator.asBoolean(),
                currency.ledger(), windows, hold, rules, actingKeyId);
        RuleSetCheck.Problem problem = RuleSetCheck.check(p);
        if (problem != null) {
            throw ApiException.invalidField(problem.field(), problem.message());
        }
        return p;
    }

    private static RiskRule rule(JsonNode node, String at, Currency currency) {
        if (!node.isObject()) {
            throw ApiException.invalidField(at, "must be an object");
        }
        ObjectNode o = (ObjectNode) node;
        String kindText = o.hasNonNull("kind") && o.get("kind").isTextual() ? o.get("kind").textValue() : null;
        RuleKind kind = kindText == null ? null : RuleKind.ofName(kindText);
        if (kind == null) {
            throw ApiException.invalidField(at + ".kind", "must be one of " + List.of(RuleKind.values()));
        }
        Set<String> known = new java.util.HashSet<>(common);
        known.addAll(paramFields(kind));
        Fields f = Fields.of(o, at, known);
        RiskDecision decision = kind == RuleKind.scorecard ? RiskDecision.review : decision(f.string("decision"), at);
        String reason = f.string("reason");
        return new RiskRule(kind, decision, reason, params(kind, o, f, at, currency));
    }

    private static List<String> paramFields(RuleKind kind) {
        return switch (kind) {
            case amount_limit -> List.of("limits");
            case velocity -> List.of("window_seconds", "max_count", "max_sum");
            case new_payee, device_change -> List.of("min_amount");
            case ip_change -> List.of("min_amount", "ipv4_prefix_bits");
            case block_user, block_account -> List.of("ids");
            case block_device -> List.of("devices", "device_hashes");
            case block_ip -> List.of("prefixes");
            case scorecard -> List.of("review_at", "deny_at", "bands");
        };
    }

    private static RiskDecision decision(String text, String at) {
        if (text.equals("review")) {
            return RiskDecision.review;
        }
        if (text.equals("deny")) {
            return RiskDecision.deny;
        }
        throw ApiException.invalidField(at + ".decision", "must be review or deny");
    }

    private static long[] params(RuleKind kind, ObjectNode o, Fields f, String at, Currency c) {
        return switch (kind) {
            case amount_limit -> {
                ArrayNode a = array(o, "limits", RiskLimits.maxKycLevel + 1, "maxKycLevel + 1");
                long[] p = new long[a.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = amount(a.get(i), at + ".limits[" + i + "]", c);
                }
                yield p;
            }
            case velocity -> new long[] {longValue(o, "window_seconds", 1, Long.MAX_VALUE, at),
                    o.hasNonNull("max_count") ? longValue(o, "max_count", 0, Integer.MAX_VALUE, at) : 0,
                    o.hasNonNull("max_sum") ? amount(o.get("max_sum"), f.path("max_sum"), c) : 0};
            case new_payee, device_change -> new long[] {amount(o.get("min_amount"), f.path("min_amount"), c)};
            case ip_change -> new long[] {amount(o.get("min_amount"), f.path("min_amount"), c),
                    ipv4InIpv6 + f.integer("ipv4_prefix_bits", 1, 32, 24)};
            case block_user, block_account -> {
                ArrayNode a = array(o, "ids", RiskLimits.maxParams, "maxParams");
                long[] p = new long[a.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = ValueText.id(text(a.get(i), at + ".ids[" + i + "]"), at + ".ids[" + i + "]");
                }
                yield p;
            }
            case block_device -> devices(o, at);
            case block_ip -> {
                ArrayNode a = array(o, "prefixes", RiskLimits.maxParams / 3, "maxParams / 3");
                long[] p = new long[3 * a.size()];
                for (int i = 0; i < a.size(); i++) {
                    prefix(text(a.get(i), at + ".prefixes[" + i + "]"), at + ".prefixes[" + i + "]", p, 3 * i);
                }
                yield p;
            }
            case scorecard -> scorecard(o, at, c);
        };
    }

    private static long[] devices(ObjectNode o, String at) {
        List<Long> hashes = new ArrayList<>();
        if (o.hasNonNull("devices")) {
            ArrayNode a = array(o, "devices", RiskLimits.maxParams, "maxParams");
            for (int i = 0; i < a.size(); i++) {
                hashes.add(ClientContexts.deviceHash(text(a.get(i), at + ".devices[" + i + "]")));
            }
        }
        if (o.hasNonNull("device_hashes")) {
            ArrayNode a = array(o, "device_hashes", RiskLimits.maxParams, "maxParams");
            for (int i = 0; i < a.size(); i++) {
                String field = at + ".device_hashes[" + i + "]";
                hashes.add(ValueText.id(text(a.get(i), field), field));
            }
        }
        if (hashes.isEmpty()) {
            throw ApiException.missingField(at + ".devices");
        }
        return hashes.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] scorecard(ObjectNode o, String at, Currency c) {
        ArrayNode bands = array(o, "bands", RiskLimits.maxScoreBands, "maxScoreBands");
        long[] p = new long[2 + 4 * bands.size()];
        p[0] = longValue(o, "review_at", Long.MIN_VALUE, Long.MAX_VALUE, at);
        p[1] = longValue(o, "deny_at", Long.MIN_VALUE, Long.MAX_VALUE, at);
        for (int i = 0; i < bands.size(); i++) {
            String b = at + ".bands[" + i + "]";
            if (!bands.get(i).isObject()) {
                throw ApiException.invalidField(b, "must be an object");
            }
            ObjectNode band = (ObjectNode) bands.get(i);
            Fields f = Fields.of(band, b, Set.of("feature", "from", "to", "points"));
            ScoreFeature feature = ScoreFeature.ofName(f.string("feature"));
            if (feature == null) {
                throw ApiException.invalidField(b + ".feature", "must be one of " + List.of(ScoreFeature.values()));
            }
            boolean money = feature == ScoreFeature.amount;
            p[2 + 4 * i] = feature.code();
            p[3 + 4 * i] = !band.hasNonNull("from") ? Long.MIN_VALUE
                    : money ? amount(band.get("from"), b + ".from", c) : longValue(band, "from", 0, Long.MAX_VALUE, b);
            p[4 + 4 * i] = !band.hasNonNull("to") ? Long.MAX_VALUE
                    : money ? amount(band.get("to"), b + ".to", c) : longValue(band, "to", 0, Long.MAX_VALUE, b);
            p[5 + 4 * i] = longValue(band, "points", -1_000_000, 1_000_000, b);
        }
        return p;
    }

    /** "10.0.0.0/8" or "2001:db8::/32" into (high, low, bits) of the IPv6 form. */
    private static void prefix(String text, String at, long[] out, int k) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!ClientContexts.literal(address)) {
            throw ApiException.invalidField(at, "must be an IPv4 or IPv6 prefix such as \"10.1.0.0/16\"");
        }
        long[] a = ClientContexts.address(address);
        boolean v4 = !address.contains(":");
        int max = v4 ? 32 : 128;
        int bits;
        try {
            bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if ((a[0] | a[1]) == 0 || bits < 1 || bits > max) {
            throw ApiException.invalidField(at, "must be an IPv4 or IPv6 prefix such as \"10.1.0.0/16\"");
        }
        out[k] = a[0];
        out[k + 1] = a[1];
        out[k + 2] = v4 ? ipv4InIpv6 + bits : bits;
    }

    private static String text(JsonNode n, String at) {
        if (n == null || !n.isTextual()) {
            throw ApiException.invalidField(at, "must be a string");
        }
        return n.textValue();
    }

    private static long amount(JsonNode n, String at, Currency c) {
        if (n == null || n.isNull()) {
            throw ApiException.missingField(at);
        }
        return AmountText.parse(text(n, at), c, at);
    }

    private static long longValue(ObjectNode o, String name, long min, long max) {
        return longValue(o, name, min, max, "");
    }

    private static long longValue(ObjectNode o, String name, long min, long max, String at) {
        String field = at.isEmpty() ? name : at + "." + name;
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw ApiException.missingField(field);
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw ApiException.invalidField(field, "must be an integer from " + min + " to " + max);
        }
        return v.longValue();
    }

    private static long[] longs(ObjectNode o, String name, int max, String limit) {
        ArrayNode a = array(o, name, max, limit);
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw ApiException.invalidField(name + "[" + i + "]", "must be an integer");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private static ArrayNode array(ObjectNode o, String name, int max, String limit) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw ApiException.missingField(name);
        }
        if (!v.isArray() || v.size() == 0) {
            throw ApiException.invalidField(name, "must be an array of 1 to " + max + " items (" + limit + ")");
        }
        if (v.size() > max) {
            throw ApiException.invalidField(name, "must hold at most " + max + " items (" + limit + ")");
        }
        return (ArrayNode) v;
    }

    /** The rule set as {@code GET /v1/risk/rules} shows it. */
    static void write(JsonGenerator g, PutRiskRules p) throws IOException {
        Currency c = Currency.ofLedger(p.ledger());
        g.writeStartObject();
        g.writeNumberField("version", p.version());
        g.writeStringField("mode", p.shadow() ? "shadow" : "enforce");
        g.writeStringField("currency", c.name());
        g.writeArrayFieldStart("windows_seconds");
        for (long w : p.windowsSeconds()) {
            g.writeNumber(w);
        }
        g.writeEndArray();
        g.writeNumberField("review_hold_seconds", p.reviewHoldSeconds());
        g.writeBooleanField("operator_transfers", p.operatorTransfers());
        g.writeArrayFieldStart("rules");
        for (RiskRule r : p.rules()) {
            writeRule(g, r, c);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeRule(JsonGenerator g, RiskRule r, Currency c) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", r.kind().name());
        if (r.kind() != RuleKind.scorecard) {
            g.writeStringField("decision", r.decision().name());
        }
        g.writeStringField("reason", r.reason());
        long[] p = r.params();
        switch (r.kind()) {
            case amount_limit -> {
                g.writeArrayFieldStart("limits");
                for (long v : p) {
                    g.writeString(Amounts.format(v, c));
                }
                g.writeEndArray();
            }
            case velocity -> {
                g.writeNumberField("window_seconds", p[0]);
                g.writeNumberField("max_count", p[1]);
                g.writeStringField("max_sum", Amounts.format(p[2], c));
            }
            case new_payee, device_change -> g.writeStringField("min_amount", Amounts.format(p[0], c));
            case ip_change -> {
                g.writeStringField("min_amount", Amounts.format(p[0], c));
                g.writeNumberField("ipv4_prefix_bits", p[1] - ipv4InIpv6);
            }
            case block_user, block_account -> ids(g, "ids", p);
            case block_device -> ids(g, "device_hashes", p);
            case block_ip -> {
                g.writeArrayFieldStart("prefixes");
                for (int k = 0; k < p.length; k += 3) {
                    g.writeString(IpText.prefix(p[k], p[k + 1], (int) p[k + 2]));
                }
                g.writeEndArray();
            }
            case scorecard -> {
                g.writeNumberField("review_at", p[0]);
                g.writeNumberField("deny_at", p[1]);
                g.writeArrayFieldStart("bands");
                for (int k = 2; k + 3 < p.length; k += 4) {
                    ScoreFeature f = ScoreFeature.ofCode((int) p[k]);
                    g.writeStartObject();
                    g.writeStringField("feature", f.name());
                    bound(g, "from", p[k + 1], Long.MIN_VALUE, f, c);
                    bound(g, "to", p[k + 2], Long.MAX_VALUE, f, c);
                    g.writeNumberField("points", p[k + 3]);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    private static void bound(JsonGenerator g, String name, long v, long open, ScoreFeature f, Currency c)
            throws IOException {
        if (v == open) {
            return;
        }
        if (f == ScoreFeature.amount) {
            g.writeStringField(name, Amounts.format(v, c));
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void ids(JsonGenerator g, String name, long[] p) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : p) {
            g.writeString(Long.toString(v));
        }
        g.writeEndArray();
    }
}

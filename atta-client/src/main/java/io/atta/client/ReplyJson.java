package io.atta.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.AccountFlags;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.TransferFlags;
import io.atta.core.command.Result;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Reads the REST API's reply documents (docs/API.md) into the client's records: ids from
 * decimal strings, amounts from decimal strings into minor units with {@link Amounts}, flags
 * from name arrays into bit sets. A missing or malformed field is an {@link AttaClientException}.
 */
final class ReplyJson {
    private ReplyJson() {
    }

    static CreatedUser createdUser(JsonNode n) {
        return new CreatedUser(id(n, "user_id"), text(n, "token"), id(n, "wallet_account_id"));
    }

    static User user(JsonNode n) {
        return new User(id(n, "user_id"), id(n, "wallet_account_id"), instant(n, "created_at"));
    }

    static MoneyMovement moneyMovement(JsonNode n) {
        return new MoneyMovement(text(n, "request_id"), id(n, "transfer_id"), result(n, "result"));
    }

    static P2pPayment p2pPayment(JsonNode n) {
        Currency c = currency(n, "currency");
        return new P2pPayment(text(n, "request_id"), id(n, "transfer_id"), id(n, "from_user_id"),
                id(n, "to_user_id"), amount(n, "amount", c), c, result(n, "result"),
                field(n, "cross_shard").asBoolean());
    }

    static P2pPaymentStatus p2pPaymentStatus(JsonNode n) {
        boolean payeeKnown = n.hasNonNull("to_user_id");
        Currency c = payeeKnown ? currency(n, "currency") : null;
        P2pPaymentStatus.State state;
        try {
            state = P2pPaymentStatus.State.valueOf(text(n, "status"));
        } catch (IllegalArgumentException e) {
            throw new AttaClientException("reply has an unknown payment status: " + text(n, "status"));
        }
        return new P2pPaymentStatus(text(n, "request_id"), id(n, "transfer_id"), id(n, "from_user_id"),
                payeeKnown ? id(n, "to_user_id") : 0, payeeKnown ? amount(n, "amount", c) : 0, c, state,
                n.hasNonNull("reason") ? result(n, "reason") : null, instant(n, "created_at"));
    }

    static ItemResult itemResult(JsonNode n) {
        return new ItemResult(id(n, "id"), result(n, "result"));
    }

    static Account account(JsonNode n) {
        Currency c = currency(n, "currency");
        return new Account(id(n, "id"), id(n, "user_id"), c, integer(n, "code"),
                flags(n, "flags", AccountFlags::ofName), id(n, "user_data"),
                amount(n, "debits_pending", c), amount(n, "debits_posted", c),
                amount(n, "credits_pending", c), amount(n, "credits_posted", c),
                amount(n, "balance", c), amount(n, "available", c), instant(n, "created_at"));
    }

    static Transfer transfer(JsonNode n) {
        Currency c = currency(n, "currency");
        JsonNode status = n.get("pending_status");
        long amount = amount(n, "amount", c);
        return new Transfer(id(n, "id"), id(n, "debit_account_id"), id(n, "credit_account_id"),
                amount, c, integer(n, "code"), flags(n, "flags", TransferFlags::ofShownName),
                optionalId(n, "pending_id"), optionalInt(n, "timeout_seconds"), optionalId(n, "user_data"),
                id(n, "timestamp"), instant(n, "created_at"),
                status == null || status.isNull() ? null : status.asText(),
                n.has("posted_amount") ? amount(n, "posted_amount", c) : amount);
    }

    static TransferPage transferPage(JsonNode n) {
        JsonNode items = field(n, "transfers");
        List<Transfer> transfers = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            transfers.add(transfer(item));
        }
        JsonNode next = n.get("next_to");
        return new TransferPage(transfers, next == null || next.isNull() ? null : parseInstant(next.asText()));
    }

    static Balance balance(JsonNode n, Currency c) {
        return new Balance(id(n, "account_id"), instant(n, "at"), c,
                amount(n, "debits_pending", c), amount(n, "debits_posted", c),
                amount(n, "credits_pending", c), amount(n, "credits_posted", c), amount(n, "balance", c));
    }

    static Health health(JsonNode n) {
        JsonNode shards = n.get("shards");
        return new Health(text(n, "status"), shards == null || !shards.canConvertToInt() ? 0 : shards.asInt());
    }

    static ClusterRouting clusterRouting(JsonNode n) {
        JsonNode slots = field(n, "slot_shard");
        int[] shardOfSlot = new int[slots.size()];
        for (int i = 0; i < shardOfSlot.length; i++) {
            if (!slots.get(i).canConvertToInt()) {
                throw new AttaClientException("reply has a malformed \"slot_shard\" element " + i + ": " + slots.get(i));
            }
            shardOfSlot[i] = slots.get(i).asInt();
        }
        int shards = integer(n, "shards");
        if (shards < 1 || shards > shardOfSlot.length) {
            throw new AttaClientException("reply has a malformed \"shards\": " + shards);
        }
        URI[] leaders = new URI[shards];
        for (JsonNode l : field(n, "leaders")) {
            int shard = integer(l, "shard");
            JsonNode http = l.get("http");
            if (shard < 0 || shard >= shards) {
                throw new AttaClientException("reply names a leader of shard " + shard + " of " + shards);
            }
            if (http != null && !http.isNull()) {
                try {
                    leaders[shard] = new URI(http.asText());
                } catch (URISyntaxException e) {
                    throw new AttaClientException("reply has a malformed leader address: " + http.asText());
                }
            }
        }
        try {
            return new ClusterRouting(shardOfSlot, Arrays.asList(leaders));
        } catch (IllegalArgumentException e) {
            throw new AttaClientException("reply has a malformed routing table: " + e.getMessage());
        }
    }

    // ---- fields

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new AttaClientException("reply lacks \"" + name + "\"");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        return field(n, name).asText();
    }

    private static long id(JsonNode n, String name) {
        String s = text(n, name);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new AttaClientException("reply has a malformed \"" + name + "\": " + s);
        }
    }

    private static long optionalId(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? 0 : id(n, name);
    }

    private static int integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.canConvertToInt()) {
            throw new AttaClientException("reply has a malformed \"" + name + "\": " + v);
        }
        return v.asInt();
    }

    private static int optionalInt(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? 0 : integer(n, name);
    }

    private static Currency currency(JsonNode n, String name) {
        Currency c = Currency.ofCode(text(n, name));
        if (c == null) {
            throw new AttaClientException("reply has an unknown currency: " + text(n, name));
        }
        return c;
    }

    /** An amount that may be negative (a balance); {@link Amounts} reads the magnitude. */
    static long signedAmount(String s, Currency c) {
        try {
            return s.startsWith("-") ? Math.negateExact(Amounts.parse(s.substring(1), c)) : Amounts.parse(s, c);
        } catch (IllegalArgumentException e) {
            throw new AttaClientException("reply has a malformed amount \"" + s + "\": " + e.getMessage());
        }
    }

    private static long amount(JsonNode n, String name, Currency c) {
        return signedAmount(text(n, name), c);
    }

    private static int flags(JsonNode n, String name, ToIntFunction<String> ofName) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return 0;
        }
        int flags = 0;
        for (JsonNode f : v) {
            int bit = ofName.applyAsInt(f.asText());
            if (bit < 0) {
                throw new AttaClientException("reply has an unknown flag \"" + f.asText() + "\" in " + name);
            }
            flags |= bit;
        }
        return flags;
    }

    private static Result result(JsonNode n, String name) {
        String s = text(n, name);
        char[] chars = s.toCharArray();
        return BatchJson.resultOf(chars, 0, chars.length);
    }

    private static Instant instant(JsonNode n, String name) {
        return parseInstant(text(n, name));
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            throw new AttaClientException("reply has a malformed instant: " + s);
        }
    }
}

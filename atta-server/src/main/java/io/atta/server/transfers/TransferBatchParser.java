package io.atta.server.transfers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.atta.core.Currency;
import io.atta.core.Limits;
import io.atta.core.TransferCodes;
import io.atta.core.TransferFlags;
import io.atta.core.command.ClientContext;
import io.atta.core.command.CreateTransfer;
import io.atta.server.http.ApiException;
import io.atta.server.http.BodyBytes;
import io.atta.server.json.AmountText;
import io.atta.server.json.Json;
import io.atta.server.json.ValueText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code POST /v1/transfers} with Jackson's streaming parser straight into
 * {@link CreateTransfer} commands: the hot path of the API, so no tree and no data binding. It
 * is as strict as the rest of the API; the first fault refuses the whole batch, naming the
 * field by its JSON path ({@code transfers[3].amount}).
 */
public final class TransferBatchParser {
    static final int defaultCode = 1;
    private static final int resolveFlags = TransferFlags.postPending | TransferFlags.voidPending;
    /** A guess of the bytes per item, to size the list once. */
    private static final int bytesPerItemGuess = 120;
    private static final Currency[] currencies = Currency.values();

    private TransferBatchParser() {
    }

    /** The transfers of a request body, made on the authority of {@code actingUserId} (0: admin). */
    public static CreateTransfer[] parse(byte[] body, long actingUserId) {
        return parse(BodyBytes.of(body), actingUserId);
    }

    /** As above, reading the body from its segments (a large batch is never one array). */
    public static CreateTransfer[] parse(BodyBytes body, long actingUserId) {
        return parse(body, actingUserId, null);
    }

    /** As above, each transfer carrying {@code context}, what the edge saw of a user's request (or null). */
    public static CreateTransfer[] parse(BodyBytes body, long actingUserId, ClientContext context) {
        try (JsonParser p = Json.streamingParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.invalidJson("the body must be a JSON object");
            }
            CreateTransfer[] items = null;
            boolean seen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!name.equals("transfers")) {
                    throw ApiException.unknownField(name);
                }
                if (seen) {
                    throw ApiException.duplicateField(name);
                }
                seen = true;
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw ApiException.invalidField("transfers", "must be an array");
                }
                items = items(p, body.length(), actingUserId, context);
            }
            if (items == null) {
                throw ApiException.missingField("transfers");
            }
            if (p.nextToken() != null) {
                throw ApiException.invalidJson("the body holds more than one JSON value");
            }
            return items;
        } catch (JsonProcessingException e) {
            throw ApiException.invalidJson(Json.describe(e));
        } catch (IOException e) {
            throw ApiException.invalidJson("the body cannot be read as JSON");
        }
    }

    private static CreateTransfer[] items(JsonParser p, int bodyBytes, long actingUserId, ClientContext context)
            throws IOException {
        List<CreateTransfer> out = new ArrayList<>(Math.min(Limits.maxBatchTransfers, bodyBytes / bytesPerItemGuess + 1));
        Item item = new Item();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = out.size();
            if (index == Limits.maxBatchTransfers) {
                throw ApiException.batchTooLarge("transfers", "maxBatchTransfers", Limits.maxBatchTransfers);
            }
            if (t != JsonToken.START_OBJECT) {
                throw ApiException.invalidField(path(index, null), "must be an object");
            }
            item.reset(index);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                item.field(p);
            }
            out.add(item.toCommand(actingUserId, context));
        }
        if (out.isEmpty()) {
            throw ApiException.invalidField("transfers", "must hold 1 to " + Limits.maxBatchTransfers + " items");
        }
        return out.toArray(new CreateTransfer[0]);
    }

    static String path(int index, String field) {
        return field == null ? "transfers[" + index + "]" : "transfers[" + index + "]." + field;
    }

    /** One item being read; reused across items, its fields kept as primitives. */
    private static final class Item {
        private static final int fId = 1;
        private static final int fDebit = 1 << 1;
        private static final int fCredit = 1 << 2;
        private static final int fAmount = 1 << 3;
        private static final int fCurrency = 1 << 4;
        private static final int fCode = 1 << 5;
        private static final int fFlags = 1 << 6;
        private static final int fPendingId = 1 << 7;
        private static final int fTimeout = 1 << 8;
        private static final int fUserData = 1 << 9;

        int index;
        int seen;
        long id;
        long debit;
        long credit;
        /** The amount's text (its currency, and so its scale, may come after it). */
        char[] amount = new char[32];
        int amountLength;
        Currency currency;
        int code;
        int flags;
        long pendingId;
        int timeoutSeconds;
        long userData;

        void reset(int index) {
            this.index = index;
            seen = 0;
            amountLength = 0;
            currency = null;
            flags = 0;
            pendingId = 0;
            timeoutSeconds = 0;
            userData = 0;
        }

        void field(JsonParser p) throws IOException {
            String name = p.currentName();
            int bit = bitOf(name);
            if (bit == 0) {
                throw ApiException.unknownField(path(index, name));
            }
            if ((seen & bit) != 0) {
                throw ApiException.duplicateField(path(index, name));
            }
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                return;
            }
            seen |= bit;
            switch (bit) {
                case fId -> id = id(p, name, false);
                case fDebit -> debit = id(p, name, false);
                case fCredit -> credit = id(p, name, false);
                case fPendingId -> pendingId = id(p, name, false);
                case fUserData -> userData = id(p, name, true);
                case fAmount -> amount(p, name);
                case fCurrency -> {
                    currency = currency(p, name);
                    if (currency == null) {
                        throw ApiException.invalidField(path(index, name), "must be one of CNY, USD, EUR, HKD, JPY");
                    }
                }
                case fCode -> code = callerCode(p, name);
                case fTimeout -> timeoutSeconds = integer(p, name, 0, Limits.maxTimeoutSeconds);
                case fFlags -> flags = flags(p, name);
                default -> throw new IllegalStateException("unhandled field bit " + bit);
            }
        }

        private static int bitOf(String name) {
            return switch (name) {
                case "id" -> fId;
                case "debit_account_id" -> fDebit;
                case "credit_account_id" -> fCredit;
                case "amount" -> fAmount;
                case "currency" -> fCurrency;
                case "code" -> fCode;
                case "flags" -> fFlags;
                case "pending_id" -> fPendingId;
                case "timeout_seconds" -> fTimeout;
                case "user_data" -> fUserData;
                default -> 0;
            };
        }

        private long id(JsonParser p, String name, boolean zeroAllowed) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw ApiException.invalidField(path(index, name), zeroAllowed ? ValueText.userDataRule : ValueText.idRule);
            }
            long v = ValueText.decimalId(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (v < 0 || v == 0 && !zeroAllowed) {
                throw ApiException.invalidField(path(index, name), zeroAllowed ? ValueText.userDataRule : ValueText.idRule);
            }
            return v;
        }

        private void amount(JsonParser p, String name) throws IOException {
            requireString(p, name);
            int n = p.getTextLength();
            if (amount.length < n) {
                amount = new char[n];
            }
            System.arraycopy(p.getTextCharacters(), p.getTextOffset(), amount, 0, n);
            amountLength = n;
        }

        /** The currency of an ISO code exactly as the API writes it ("CNY"), or null; no string made. */
        private Currency currency(JsonParser p, String name) throws IOException {
            requireString(p, name);
            char[] text = p.getTextCharacters();
            int offset = p.getTextOffset();
            int n = p.getTextLength();
            for (Currency c : currencies) {
                String code = c.name();
                if (code.length() == n && matches(code, text, offset)) {
                    return c;
                }
            }
            return null;
        }

        private static boolean matches(String code, char[] text, int offset) {
            for (int i = 0; i < code.length(); i++) {
                if (text[offset + i] != code.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private void requireString(JsonParser p, String name) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw ApiException.invalidField(path(index, name), "must be a string");
            }
        }

        private int integer(JsonParser p, String name, int min, int max) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw ApiException.invalidField(path(index, name), "must be an integer");
            }
            if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < min || p.getIntValue() > max) {
                throw ApiException.invalidField(path(index, name), "must be between " + min + " and " + max);
            }
            return p.getIntValue();
        }

        /** A code the caller chose: any but the platform's own ({@link TransferCodes}). */
        private int callerCode(JsonParser p, String name) throws IOException {
            int c = integer(p, name, 1, Integer.MAX_VALUE);
            if (TransferCodes.platformOwned(c)) {
                throw ApiException.invalidField(path(index, name), TransferCodes.platformOwnedMessage);
            }
            return c;
        }

        private int flags(JsonParser p, String name) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw ApiException.invalidField(path(index, name), "must be an array of flag names");
            }
            int bits = 0;
            int i = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                int bit = t == JsonToken.VALUE_STRING ? TransferFlags.ofName(p.getText()) : -1;
                if (bit < 0) {
                    throw ApiException.invalidField(path(index, name) + "[" + i + "]",
                            "must be one of linked, pending, post_pending, void_pending");
                }
                bits |= bit;
                i++;
            }
            return bits;
        }

        CreateTransfer toCommand(long actingUserId, ClientContext context) {
            require(fId, "id");
            require(fDebit, "debit_account_id");
            require(fCredit, "credit_account_id");
            require(fCurrency, "currency");
            boolean resolving = (flags & resolveFlags) != 0;
            long minorUnits;
            if (resolving) {
                require(fPendingId, "pending_id");
                minorUnits = (seen & fAmount) == 0 ? 0 : minorUnits();
            } else {
                require(fAmount, "amount");
                minorUnits = minorUnits();
                if (minorUnits == 0) {
                    throw ApiException.invalidField(path(index, "amount"), "must be greater than zero");
                }
            }
            // A post or void without a code keeps the pending transfer's code.
            int c = (seen & fCode) != 0 ? code : resolving ? 0 : defaultCode;
            return new CreateTransfer(id, debit, credit, minorUnits, currency.ledger(), c, flags, pendingId,
                    timeoutSeconds, userData, actingUserId, context);
        }

        /** The amount in the currency's minor units; the field's path is made only for an error. */
        private long minorUnits() {
            long v = AmountText.minorUnits(amount, 0, amountLength, currency);
            if (v < 0) {
                throw ApiException.invalidField(path(index, "amount"), AmountText.problem(v, currency));
            }
            return v;
        }

        private void require(int bit, String name) {
            if ((seen & bit) == 0) {
                throw ApiException.missingField(path(index, name));
            }
        }
    }
}

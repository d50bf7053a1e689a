package io.atta.server.http;

import io.atta.core.command.Result;

/**
 * A request the API refuses, with the status, error code and (when one field is at fault) the
 * JSON path of that field, as docs/API.md lists them. Thrown at the edge before anything is
 * submitted, so a refused request changes nothing. Stackless: bad input is not a bug.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON path of the field at fault, or null. */
    public String field() {
        return field;
    }

    public static ApiException invalidJson(String message) {
        return new ApiException(400, "invalid_json", message, null);
    }

    /** A key given twice in one object: JSON that means nothing definite, so refused as such. */
    public static ApiException duplicateField(String field) {
        return new ApiException(400, "invalid_json", field + " appears twice in one object", field);
    }

    public static ApiException unknownField(String field) {
        return new ApiException(400, "unknown_field", field + " is not a field Atta knows", field);
    }

    public static ApiException missingField(String field) {
        return new ApiException(400, "missing_field", field + " is required", field);
    }

    /** A field with a bad value; {@code rule} completes the sentence "field …", e.g. "must be a string". */
    public static ApiException invalidField(String field, String rule) {
        return new ApiException(400, "invalid_field", field + " " + rule, field);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized", "missing or unknown API key (Authorization: Bearer <key>)", null);
    }

    public static ApiException forbidden(String message, String field) {
        return new ApiException(403, "forbidden", message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }

    /** More items than a named limit allows. */
    public static ApiException batchTooLarge(String field, String limitName, int limit) {
        return new ApiException(413, "batch_too_large",
                field + " holds more than " + limit + " items (" + limitName + ")", field);
    }

    public static ApiException bodyTooLarge(int maxBytes) {
        return new ApiException(413, "body_too_large",
                "request body is larger than " + maxBytes + " bytes (maxRequestBytes)", null);
    }

    /** A single-item write the ledger refused: 409 with the result as the code. */
    public static ApiException refused(Result result) {
        return new ApiException(409, result.apiName(), "the ledger refused the request: " + result.apiName(), null);
    }
}

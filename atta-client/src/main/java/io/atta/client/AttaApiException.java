package io.atta.client;

/**
 * The server refused a request: {@code {"error":{"code","message","field"}}} with an HTTP status
 * (docs/API.md, Errors). A refused request changed nothing.
 */
public final class AttaApiException extends AttaClientException {
    private final int status;
    private final String code;
    private final String field;
    private final String serverMessage;

    public AttaApiException(int status, String code, String field, String serverMessage) {
        super(status + " " + code + (field == null ? "" : " at " + field)
                + (serverMessage == null ? "" : ": " + serverMessage));
        this.status = status;
        this.code = code;
        this.field = field;
        this.serverMessage = serverMessage;
    }

    /** The HTTP status, e.g. 409. */
    public int status() {
        return status;
    }

    /** The error code, e.g. {@code insufficient_funds}, {@code invalid_field}, {@code busy}. */
    public String code() {
        return code;
    }

    /** The JSON path of the field at fault ({@code transfers[3].amount}), or null. */
    public String field() {
        return field;
    }

    /** The server's human-readable message, or null. */
    public String serverMessage() {
        return serverMessage;
    }

    @Override
    public boolean retryableWithSameIds() {
        return status >= 500 || status == 429;
    }
}

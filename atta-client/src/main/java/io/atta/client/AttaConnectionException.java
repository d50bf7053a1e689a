package io.atta.client;

/**
 * No reply arrived: the connection failed or the attempt timed out, on every attempt the retry
 * policy allowed. For a request without its own ids the outcome is unknown.
 */
public final class AttaConnectionException extends AttaClientException {
    private final int attempts;

    public AttaConnectionException(String message, int attempts, Throwable cause) {
        super(message + " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")", cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }

    @Override
    public boolean retryableWithSameIds() {
        return true;
    }
}

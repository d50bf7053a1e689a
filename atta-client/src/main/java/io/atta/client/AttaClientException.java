package io.atta.client;

/**
 * Why a client call failed. {@link AttaApiException}: the server answered with an error.
 * {@link AttaConnectionException}: no answer arrived (after the retries the policy allows).
 * This base class itself is thrown for a reply the client cannot read.
 */
public class AttaClientException extends RuntimeException {
    public AttaClientException(String message) {
        super(message);
    }

    public AttaClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the call may be sent again with the same ids: no answer arrived, or the server
     * answered busy (429) or unavailable (5xx), so what it did is unknown or nothing. A repeat
     * of an applied write answers {@code exists}, never applies it twice.
     */
    public boolean retryableWithSameIds() {
        return false;
    }
}

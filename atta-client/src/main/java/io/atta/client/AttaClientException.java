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
}

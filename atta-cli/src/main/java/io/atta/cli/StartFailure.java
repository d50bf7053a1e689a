package io.atta.cli;

/**
 * A reason {@code atta server} cannot start that the operator must fix (a port in use, a data
 * directory made with another shard count, a damaged key file): printed as one line,
 * {@code atta: <message>}, with exit code 1 and no stack trace. Found before anything starts.
 */
final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartFailure(String message) {
        super(message, null, false, false);
    }
}

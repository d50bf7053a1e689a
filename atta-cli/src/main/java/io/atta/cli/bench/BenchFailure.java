package io.atta.cli.bench;

/** The benchmark saw a wrong answer or could not run; its figures would mean nothing. */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.atta.server.gateway;

import java.util.Objects;

/**
 * What a protocol check gives back: the value it produced, or the error reply the gateway sends
 * instead. Refusals are expected outcomes of bad requests, so they travel as values, not exceptions.
 */
public sealed interface GatewayResult<T> {

    record Ok<T>(T value) implements GatewayResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(GatewayError error) implements GatewayResult<T> {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }

    static <T> GatewayResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> GatewayResult<T> refused(GatewayError error) {
        return new Refused<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; a bug to call on a refusal. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("refused: " + ((Refused<T>) this).error());
    }

    /** The error; a bug to call on a success. */
    default GatewayError error() {
        if (this instanceof Refused<T> refused) {
            return refused.error();
        }
        throw new IllegalStateException("not refused: " + ((Ok<T>) this).value());
    }
}

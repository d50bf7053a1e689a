package io.atta.cluster.forward;

import java.io.Serializable;

/**
 * The leader's answer to a {@link ForwardRequest}: one result per command, as their ordinals,
 * or the reason it could not take them ({@link io.atta.cluster.ServiceException.Reason} name).
 */
public final class ForwardReply implements Serializable {
    private static final long serialVersionUID = 1L;

    private byte[] results;
    private String failure;
    private String message;

    public ForwardReply() {
    }

    static ForwardReply ok(byte[] results) {
        ForwardReply r = new ForwardReply();
        r.results = results;
        return r;
    }

    static ForwardReply failed(String failure, String message) {
        ForwardReply r = new ForwardReply();
        r.failure = failure;
        r.message = message;
        return r;
    }

    byte[] results() {
        return results;
    }

    String failure() {
        return failure;
    }

    String message() {
        return message;
    }
}

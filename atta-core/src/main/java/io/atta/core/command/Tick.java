package io.atta.core.command;

/** Time-driven work at the batch's timestamp: expires pending transfers whose timeout has passed. */
public record Tick() implements Command {
    public static final Tick instance = new Tick();
}

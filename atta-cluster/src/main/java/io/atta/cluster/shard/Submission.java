package io.atta.cluster.shard;

import io.atta.core.command.Command;
import io.atta.core.command.Result;

import java.util.concurrent.CompletableFuture;

/** Commands that wait in a shard's queue, with the future their caller holds. */
record Submission(Command[] commands, CompletableFuture<Result[]> future) {
}

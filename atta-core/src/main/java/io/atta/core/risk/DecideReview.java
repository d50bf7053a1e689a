package io.atta.core.risk;

import io.atta.core.command.Command;

/**
 * An operator approves (posts) or rejects (voids) money held for review: the review's id is the
 * held transfer's id, on its payer's shard.
 */
public record DecideReview(long reviewId, boolean approve, long actingKeyId) implements Command {
}

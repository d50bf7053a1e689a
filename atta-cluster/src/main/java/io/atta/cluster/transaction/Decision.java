package io.atta.cluster.transaction;

import io.atta.core.command.Result;

/** The end of a transaction: committed, or aborted because {@code failedLeg} was refused with {@code reason}. */
record Decision(boolean committed, Result reason, int failedLeg) {
    static final Decision commit = new Decision(true, Result.ok, -1);
}

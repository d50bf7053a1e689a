package io.atta.cli.report;

/** A transfer created on the reconciled day, as both sides hold it (minor units). */
record DayTransfer(int shard, long id, long debitAccountId, long creditAccountId, long amount, String currency,
                   int code, String pendingStatus, long userData) {
    String key() {
        return shard + "/" + id;
    }
}

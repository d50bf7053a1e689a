package io.atta.client;

import java.time.Instant;
import java.util.List;

/** One page of an account's transfers, newest first; {@code nextTo} is null on the last page. */
public record TransferPage(List<Transfer> transfers, Instant nextTo) {
    public TransferPage {
        transfers = List.copyOf(transfers);
    }
}

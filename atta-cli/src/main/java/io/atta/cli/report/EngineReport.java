package io.atta.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.core.TransferCodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's side of a reconciliation: one day's settlement figures and transfers, folded from
 * the server's change stream read from its start (docs/REPORTING.md, "Reconciliation"), without
 * the projection. The stream is read whole, since a day's fees name trades paid on earlier days.
 */
final class EngineReport {
    private final Map<String, SettlementFigures> figures = new TreeMap<>();
    private final Map<String, DayTransfer> transfers = new TreeMap<>();

    private EngineReport() {
    }

    static EngineReport read(ChangeFeed feed, long dayStartNs, long dayEndNs) throws IOException, InterruptedException {
        List<JsonNode> trades = new ArrayList<>();
        List<JsonNode> transferChanges = new ArrayList<>();
        List<Integer> transferShards = new ArrayList<>();
        int shards = feed.shards();
        for (int shard = 0; shard < shards; shard++) {
            String cursor = "";
            while (true) {
                ChangeFeed.Page page = feed.page(shard, cursor, 10_000, 0);
                for (JsonNode c : page.changes()) {
                    switch (c.get("type").asText()) {
                        case "trade" -> trades.add(c.get("trade"));
                        case "transfer" -> {
                            transferChanges.add(c.get("transfer"));
                            transferShards.add(shard);
                        }
                        default -> {
                        }
                    }
                }
                cursor = page.nextCursor();
                if (!page.more()) {
                    break;
                }
            }
        }
        EngineReport r = new EngineReport();
        Map<Long, Long> merchantOfTrade = new HashMap<>();
        Map<Long, Long> merchantOfSettlementAccount = new HashMap<>();
        for (JsonNode t : trades) {
            long merchant = t.get("merchant_id").asLong();
            merchantOfTrade.put(t.get("trade_no").asLong(), merchant);
            merchantOfSettlementAccount.put(t.get("settlement_account_id").asLong(), merchant);
            long at = t.get("timestamp").asLong();
            if (at < dayStartNs || at >= dayEndNs) {
                continue;
            }
            Currency c = Currency.ofCode(t.get("currency").asText());
            String event = t.get("event").asText();
            if (SettlementFigures.finishingEvents.contains(event)) {
                r.add(merchant, c, 1, Amounts.parse(t.get("amount").asText(), c), 0, 0, 0);
            } else if (SettlementFigures.refundEvents.contains(event)) {
                r.add(merchant, c, 0, 0, Amounts.parse(t.get("event_amount").asText(), c), 0, 0);
            }
        }
        for (int i = 0; i < transferChanges.size(); i++) {
            JsonNode t = transferChanges.get(i);
            long at = t.get("timestamp").asLong();
            if (at < dayStartNs || at >= dayEndNs) {
                continue;
            }
            Currency c = Currency.ofCode(t.get("currency").asText());
            long amount = Amounts.parse(t.get("amount").asText(), c);
            int code = t.get("code").asInt();
            String status = t.get("pending_status").asText();
            DayTransfer d = new DayTransfer(transferShards.get(i), t.get("id").asLong(),
                    t.get("debit_account_id").asLong(), t.get("credit_account_id").asLong(), amount, c.name(), code,
                    status, t.get("user_data").asLong());
            // A record seen again (a pending transfer resolved) replaces what it was.
            DayTransfer before = r.transfers.put(d.key(), d);
            if (before != null) {
                r.unsettle(before, merchantOfSettlementAccount);
            }
            r.feesAndSettlement(d, merchantOfTrade, merchantOfSettlementAccount, 1);
        }
        return r;
    }

    private void unsettle(DayTransfer d, Map<Long, Long> merchantOfSettlementAccount) {
        feesAndSettlement(d, Map.of(), merchantOfSettlementAccount, -1);
    }

    /** Adds (sign 1) or takes back (sign -1) what a transfer counts for: a fee, a fee refund, a sweep leg. */
    private void feesAndSettlement(DayTransfer d, Map<Long, Long> merchantOfTrade,
                                   Map<Long, Long> merchantOfSettlementAccount, int sign) {
        Currency c = Currency.ofCode(d.currency());
        if (d.code() == TransferCodes.tradeFee || d.code() == TransferCodes.tradeFeeRefund) {
            Long merchant = merchantOfTrade.get(d.userData());
            if (merchant != null && sign > 0) {
                add(merchant, c, 0, 0, 0, d.code() == TransferCodes.tradeFee ? d.amount() : -d.amount(), 0);
            }
        } else if (d.code() == TransferCodes.settlementSweep
                && (d.pendingStatus().equals("none") || d.pendingStatus().equals("posted"))) {
            Long into = merchantOfSettlementAccount.get(d.creditAccountId());
            Long outOf = merchantOfSettlementAccount.get(d.debitAccountId());
            if (into != null) {
                add(into, c, 0, 0, 0, 0, sign * d.amount());
            }
            if (outOf != null) {
                add(outOf, c, 0, 0, 0, 0, -sign * d.amount());
            }
        }
    }

    private void add(long merchant, Currency c, long finished, long finishedAmount, long refunds, long fees,
                     long settled) {
        String key = merchant + " " + c.name();
        figures.merge(key, new SettlementFigures(merchant, c.name(), finished, finishedAmount, refunds, fees, settled),
                (a, b) -> a.plus(b.finished(), b.finishedAmount(), b.refunds(), b.fees(), b.settled()));
    }

    Map<String, SettlementFigures> figures() {
        return figures;
    }

    Map<String, DayTransfer> transfers() {
        return transfers;
    }
}

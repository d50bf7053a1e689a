package io.atta.server.channels;

import com.fasterxml.jackson.core.JsonGenerator;
import io.atta.core.Amounts;
import io.atta.core.Currency;
import io.atta.engine.channel.DepositRecord;
import io.atta.engine.channel.WithdrawalRecord;
import io.atta.engine.channel.WithdrawalStatus;
import io.atta.server.json.ValueText;

import java.io.IOException;

/** Deposits and withdrawals as the API shows them (docs/API.md, Deposits and Withdrawals). */
final class ChannelJson {
    private ChannelJson() {
    }

    static void deposit(JsonGenerator g, DepositRecord d) throws IOException {
        Currency currency = Currency.ofLedger(d.ledger());
        g.writeStringField("deposit_id", Long.toString(d.transferId()));
        g.writeStringField("channel_id", Long.toString(d.channelId()));
        g.writeStringField("user_id", Long.toString(d.userId()));
        g.writeStringField("wallet_account_id", Long.toString(d.walletAccountId()));
        g.writeStringField("amount", Amounts.format(d.amount(), currency));
        g.writeStringField("currency", currency.name());
        g.writeStringField("channel_ref", d.channelRef());
        g.writeStringField("created_at", ValueText.instant(d.createdAt()));
    }

    /**
     * A withdrawal. The channel's answer text is its {@code channel_ref} when it confirmed and the
     * {@code reason} when it failed (the shard keeps one text for either).
     */
    static void withdrawal(JsonGenerator g, WithdrawalRecord w) throws IOException {
        Currency currency = Currency.ofLedger(w.ledger());
        g.writeStringField("withdrawal_id", Long.toString(w.withdrawalId()));
        g.writeStringField("status", w.status().name());
        g.writeStringField("channel_id", Long.toString(w.channelId()));
        g.writeStringField("user_id", Long.toString(w.userId()));
        g.writeStringField("wallet_account_id", Long.toString(w.walletAccountId()));
        g.writeStringField("amount", Amounts.format(w.amount(), currency));
        g.writeStringField("currency", currency.name());
        g.writeStringField("request_id", w.requestId());
        g.writeStringField("created_at", ValueText.instant(w.createdAt()));
        g.writeStringField("expires_at", ValueText.instant(w.expiresAt()));
        if (w.resolvedAt() != 0) {
            g.writeStringField("resolved_at", ValueText.instant(w.resolvedAt()));
        }
        if (w.status() == WithdrawalStatus.confirmed) {
            g.writeStringField("channel_ref", w.channelRef());
        } else if (w.status() == WithdrawalStatus.failed && !w.channelRef().isEmpty()) {
            g.writeStringField("reason", w.channelRef());
        }
    }
}

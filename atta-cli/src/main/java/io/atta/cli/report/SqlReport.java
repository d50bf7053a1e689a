package io.atta.cli.report;

import io.atta.core.TransferCodes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The projection's side of a reconciliation: the same day's settlement figures and transfers
 * ({@link SettlementFigures} has the definitions), in SQL over the tables {@code atta report sync}
 * fills. Day bounds are compared on {@code timestamp_ns}, the engine's nanoseconds, so that a
 * change a microsecond before midnight falls on the same day on both sides.
 */
final class SqlReport {
    private static final String finished = """
            SELECT e.merchant_id, e.currency, count(*), sum(t.amount)
            FROM trade_events e JOIN trades t ON t.trade_no = e.trade_no
            WHERE e.event IN ('trade.confirmed', 'trade.auto_confirmed', 'trade.refund_window_ended')
              AND e.timestamp_ns >= ? AND e.timestamp_ns < ?
            GROUP BY e.merchant_id, e.currency""";
    private static final String refunds = """
            SELECT merchant_id, currency, sum(amount) FROM trade_events
            WHERE event IN ('trade.refunded', 'trade.refund_auto_granted') AND timestamp_ns >= ? AND timestamp_ns < ?
            GROUP BY merchant_id, currency""";
    private static final String fees = """
            SELECT t.merchant_id, x.currency, sum(CASE WHEN x.code = %d THEN x.amount ELSE -x.amount END)
            FROM transfers x JOIN trades t ON t.trade_no = x.user_data
            WHERE x.code IN (%d, %d) AND x.timestamp_ns >= ? AND x.timestamp_ns < ?
            GROUP BY t.merchant_id, x.currency""".formatted(TransferCodes.tradeFee, TransferCodes.tradeFee,
            TransferCodes.tradeFeeRefund);
    private static final String settled = """
            SELECT m.merchant_id, s.currency,
                   sum(CASE WHEN s.credit_account_id = m.settlement_account_id THEN s.amount ELSE -s.amount END)
            FROM settlements s
            JOIN (SELECT DISTINCT merchant_id, settlement_account_id FROM trades) m
              ON m.settlement_account_id IN (s.credit_account_id, s.debit_account_id)
            WHERE s.pending_status IN ('none', 'posted') AND s.timestamp_ns >= ? AND s.timestamp_ns < ?
            GROUP BY m.merchant_id, s.currency""";
    private static final String dayTransfers = """
            SELECT shard, id, debit_account_id, credit_account_id, amount, currency, code, pending_status, user_data
            FROM transfers WHERE timestamp_ns >= ? AND timestamp_ns < ?""";

    private final Map<String, SettlementFigures> figures = new TreeMap<>();
    private final Map<String, DayTransfer> transfers = new TreeMap<>();

    private SqlReport() {
    }

    static SqlReport read(Connection c, long dayStartNs, long dayEndNs) throws SQLException {
        SqlReport r = new SqlReport();
        r.query(c, finished, dayStartNs, dayEndNs, (x, rs) -> x.plus(rs.getLong(3), rs.getLong(4), 0, 0, 0));
        r.query(c, refunds, dayStartNs, dayEndNs, (x, rs) -> x.plus(0, 0, rs.getLong(3), 0, 0));
        r.query(c, fees, dayStartNs, dayEndNs, (x, rs) -> x.plus(0, 0, 0, rs.getLong(3), 0));
        r.query(c, settled, dayStartNs, dayEndNs, (x, rs) -> x.plus(0, 0, 0, 0, rs.getLong(3)));
        try (PreparedStatement s = c.prepareStatement(dayTransfers)) {
            s.setLong(1, dayStartNs);
            s.setLong(2, dayEndNs);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    DayTransfer d = new DayTransfer(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getLong(9));
                    r.transfers.put(d.key(), d);
                }
            }
        }
        return r;
    }

    private interface Add {
        SettlementFigures add(SettlementFigures x, ResultSet rs) throws SQLException;
    }

    private void query(Connection c, String sql, long from, long to, Add add) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long merchant = rs.getLong(1);
                    String currency = rs.getString(2);
                    SettlementFigures x = figures.getOrDefault(merchant + " " + currency,
                            new SettlementFigures(merchant, currency, 0, 0, 0, 0, 0));
                    figures.put(x.key(), add.add(x, rs));
                }
            }
        }
    }

    Map<String, SettlementFigures> figures() {
        return figures;
    }

    Map<String, DayTransfer> transfers() {
        return transfers;
    }
}

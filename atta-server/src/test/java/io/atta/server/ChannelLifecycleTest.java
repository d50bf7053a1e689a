package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.atta.server.ApiFixture.NewUser;
import io.atta.server.ChannelCalls.NewChannel;
import io.atta.server.HttpApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.atta.server.ApiFixture.adminKey;
import static io.atta.server.ApiFixture.nextId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money in and out through a funding channel on a two-shard node with the test clock: deposits
 * and their retries, withdrawals held, confirmed, failed and expired, who may answer them, and
 * statements that add up to the clearing accounts' movement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelLifecycleTest {
    private ApiFixture f;
    private ChannelCalls calls;
    private NewChannel bank;
    private NewChannel otherBank;

    @BeforeAll
    void start(@TempDir Path dir) {
        f = ApiFixture.onTestClockNode(dir, 2, 0);
        calls = new ChannelCalls(f.api);
        bank = calls.create("First Bank", "CNY");
        otherBank = calls.create("Second Bank", "CNY");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private JsonNode wallet(NewUser u) {
        return f.account(u.wallet());
    }

    @Test
    void onlyAnOperatorCreatesAChannelAndItsKeyIsShownOnce() {
        NewUser u = f.createUser("CNY");
        String body = "{\"name\":\"Third Bank\",\"currency\":\"CNY\"}";
        assertThat(f.api.post("/v1/channels", u.token(), body).status()).isEqualTo(403);
        assertThat(f.api.post("/v1/channels", bank.key(), body).status()).isEqualTo(403);
        Reply badName = f.api.post("/v1/channels", adminKey, "{\"name\":\"\",\"currency\":\"CNY\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.errorField()).isEqualTo("name");
        assertThat(badName.errorMessage()).contains("maxChannelNameLength");

        Reply one = f.api.get("/v1/channels/" + bank.id(), bank.key());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.body().get("name").asText()).isEqualTo("First Bank");
        assertThat(one.body().has("key")).isFalse();
        assertThat(f.api.get("/v1/channels/" + bank.id(), otherBank.key()).status()).isEqualTo(403);
        assertThat(f.api.get("/v1/channels/" + bank.id(), u.token()).status()).isEqualTo(403);
        Reply all = f.api.get("/v1/channels", adminKey);
        assertThat(all.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        all.body().get("channels").forEach(c -> ids.add(c.get("channel_id").asText()));
        assertThat(ids).contains(bank.id(), otherBank.id());
        assertThat(f.api.get("/v1/channels", bank.key()).status()).isEqualTo(403);
    }

    @Test
    void aDepositIsIdempotentByTheChannelsReference() {
        NewUser u = f.createUser("CNY");
        String ref = "bank-ref-" + nextId();
        Reply first = calls.deposit(bank.key(), bank.id(), u.id(), "100.00", ref);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body().get("result").asText()).isEqualTo("ok");
        String depositId = first.body().get("deposit_id").asText();
        assertThat(wallet(u).get("balance").asText()).isEqualTo("100.00");

        Reply again = calls.deposit(bank.key(), bank.id(), u.id(), "100.00", ref);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("result").asText()).isEqualTo("exists");
        assertThat(again.body().get("deposit_id").asText()).isEqualTo(depositId);
        Reply changed = calls.deposit(bank.key(), bank.id(), u.id(), "50.00", ref);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.errorCode()).isEqualTo("exists_with_different_fields");
        assertThat(wallet(u).get("balance").asText()).isEqualTo("100.00");

        // Only the channel's own key brings money in.
        String other = "{\"user_id\":\"" + u.id() + "\",\"amount\":\"1.00\",\"currency\":\"CNY\",\"channel_ref\":\"x"
                + nextId() + "\"}";
        assertThat(f.api.post("/v1/channels/" + bank.id() + "/deposits", u.token(), other).status()).isEqualTo(403);
        assertThat(f.api.post("/v1/channels/" + bank.id() + "/deposits", adminKey, other).status()).isEqualTo(403);
        assertThat(f.api.post("/v1/channels/" + bank.id() + "/deposits", otherBank.key(), other).status())
                .isEqualTo(403);
        assertThat(f.api.post("/v1/channels/" + bank.id() + "/deposits", null, other).status()).isEqualTo(401);
        Reply usd = f.api.post("/v1/channels/" + bank.id() + "/deposits", bank.key(), other.replace("CNY", "USD"));
        assertThat(usd.status()).isEqualTo(400);
        assertThat(usd.errorField()).isEqualTo("currency");
        Reply nobody = calls.deposit(bank.key(), bank.id(), "4242", "1.00", "nobody-" + nextId());
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(wallet(u).get("balance").asText()).isEqualTo("100.00");

        Reply mine = f.api.get("/v1/users/" + u.id() + "/deposits", u.token());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.body().get("deposits")).hasSize(1);
        assertThat(mine.body().at("/deposits/0/channel_ref").asText()).isEqualTo(ref);
        assertThat(mine.body().at("/deposits/0/amount").asText()).isEqualTo("100.00");
        assertThat(f.api.get("/v1/users/" + u.id() + "/deposits", f.createUser("CNY").token()).status())
                .isEqualTo(403);
    }

    @Test
    void aWithdrawalIsHeldThenConfirmedOrFailedByItsChannelOnly() {
        NewUser u = f.createUser("CNY");
        calls.deposited(bank, u.id(), "100.00", "in-" + nextId());

        Reply held = calls.withdraw(u.token(), u.id(), bank.id(), "30.00", "w-" + nextId(), null);
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        assertThat(held.body().get("status").asText()).isEqualTo("pending");
        assertThat(held.body().has("expires_at")).isTrue();
        String w1 = held.body().get("withdrawal_id").asText();
        assertThat(wallet(u).get("available").asText()).isEqualTo("70.00");
        assertThat(wallet(u).get("balance").asText()).isEqualTo("100.00");

        // Nobody but the withdrawal's channel answers it.
        assertThat(calls.confirm(otherBank.key(), w1, "r").status()).isEqualTo(404);
        assertThat(calls.confirm(u.token(), w1, "r").status()).isEqualTo(403);
        assertThat(calls.confirm(adminKey, w1, "r").status()).isEqualTo(403);
        assertThat(calls.fail(u.token(), w1, null).status()).isEqualTo(403);
        assertThat(calls.withdrawal(u.token(), w1).get("status").asText()).isEqualTo("pending");

        Reply confirmed = calls.confirm(bank.key(), w1, "payout-1");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("confirmed");
        assertThat(wallet(u).get("balance").asText()).isEqualTo("70.00");
        assertThat(wallet(u).get("available").asText()).isEqualTo("70.00");
        Reply retried = calls.confirm(bank.key(), w1, "payout-1");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("result").asText()).isEqualTo("exists");
        Reply contrary = calls.fail(bank.key(), w1, "too late");
        assertThat(contrary.status()).isEqualTo(409);
        assertThat(contrary.errorCode()).isEqualTo("withdrawal_not_pending");
        assertThat(wallet(u).get("balance").asText()).isEqualTo("70.00");

        String w2 = calls.withdraw(u.token(), u.id(), bank.id(), "20.00", "w-" + nextId(), null).body()
                .get("withdrawal_id").asText();
        assertThat(wallet(u).get("available").asText()).isEqualTo("50.00");
        Reply failed = calls.fail(bank.key(), w2, "account closed at the bank");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        assertThat(failed.body().get("status").asText()).isEqualTo("failed");
        assertThat(failed.body().get("reason").asText()).isEqualTo("account closed at the bank");
        assertThat(wallet(u).get("balance").asText()).isEqualTo("70.00");
        assertThat(wallet(u).get("available").asText()).isEqualTo("70.00");

        // Who reads a withdrawal: its user, its channel, an operator.
        assertThat(calls.withdrawal(bank.key(), w1).get("channel_ref").asText()).isEqualTo("payout-1");
        assertThat(calls.withdrawal(adminKey, w1).get("user_id").asText()).isEqualTo(u.id());
        assertThat(f.api.get("/v1/withdrawals/" + w1, otherBank.key()).status()).isEqualTo(403);
        assertThat(f.api.get("/v1/withdrawals/" + w1, f.createUser("CNY").token()).status()).isEqualTo(403);

        Reply list = f.api.get("/v1/users/" + u.id() + "/withdrawals", u.token());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.body().get("withdrawals")).hasSize(2);
        assertThat(list.body().at("/withdrawals/0/withdrawal_id").asText()).isEqualTo(w2);
    }

    @Test
    void aWithdrawalNobodyAnswersExpiresAndCannotBeConfirmedAfter() {
        NewUser u = f.createUser("CNY");
        calls.deposited(bank, u.id(), "10.00", "in-" + nextId());
        String requestId = "w-" + nextId();
        Reply held = calls.withdraw(u.token(), u.id(), bank.id(), "4.00", requestId, 60);
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        String id = held.body().get("withdrawal_id").asText();
        Reply repeat = calls.withdraw(u.token(), u.id(), bank.id(), "4.00", requestId, 60);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("result").asText()).isEqualTo("exists");
        assertThat(calls.withdraw(u.token(), u.id(), bank.id(), "5.00", requestId, 60).errorCode())
                .isEqualTo("exists_with_different_fields");
        Reply tooLong = calls.withdraw(u.token(), u.id(), bank.id(), "1.00", "w-" + nextId(), 31 * 24 * 3600);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorMessage()).contains("maxTimeoutSeconds");
        Reply tooMuch = calls.withdraw(u.token(), u.id(), bank.id(), "7.00", "w-" + nextId(), null);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.errorCode()).isEqualTo("insufficient_funds");
        assertThat(calls.withdraw(f.createUser("CNY").token(), u.id(), bank.id(), "1.00", "w-" + nextId(), null)
                .status()).isEqualTo(403);
        assertThat(wallet(u).get("available").asText()).isEqualTo("6.00");

        Reply advanced = f.api.post("/v1/test/clock/advance", adminKey, "{\"seconds\":120}");
        assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
        assertThat(calls.withdrawal(u.token(), id).get("status").asText()).isEqualTo("expired");
        assertThat(wallet(u).get("available").asText()).isEqualTo("10.00");
        assertThat(wallet(u).get("balance").asText()).isEqualTo("10.00");
        Reply late = calls.confirm(bank.key(), id, "payout-late");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("withdrawal_not_pending");
        assertThat(wallet(u).get("balance").asText()).isEqualTo("10.00");
    }

    @Test
    void statementsAddUpToTheClearingAccountsMovement() {
        NewChannel ch = calls.create("Statement Bank", "CNY");
        BigDecimal in = BigDecimal.ZERO;
        BigDecimal out = BigDecimal.ZERO;
        for (int i = 0; i < 6; i++) {
            NewUser u = f.createUser("CNY");
            String amount = (10 + i) + ".25";
            calls.deposited(ch, u.id(), amount, "s-" + nextId());
            in = in.add(new BigDecimal(amount));
            String w = calls.withdraw(u.token(), u.id(), ch.id(), "3.00", "s-" + nextId(), null).body()
                    .get("withdrawal_id").asText();
            if (i % 3 == 2) {
                assertThat(calls.fail(ch.key(), w, null).status()).isEqualTo(200);
            } else if (i % 3 == 1) {
                assertThat(calls.confirm(ch.key(), w, "p-" + i).status()).isEqualTo(200);
                out = out.add(new BigDecimal("3.00"));
            }
        }
        Reply pending = f.api.get("/v1/channels/" + ch.id() + "/withdrawals?status=pending&limit=1", ch.key());
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        assertThat(pending.body().get("withdrawals")).hasSize(1);
        Reply rest = f.api.get("/v1/channels/" + ch.id() + "/withdrawals?status=pending&limit=10&after="
                + pending.body().get("next_after").asText(), ch.key());
        assertThat(rest.body().get("withdrawals")).hasSize(1);
        assertThat(rest.body().get("next_after").isNull()).isTrue();

        // Every day a record of this channel falls on (the clock may cross midnight).
        TreeSet<String> days = new TreeSet<>();
        Reply deposits = f.api.get("/v1/channels/" + ch.id() + "/deposits?limit=100", ch.key());
        assertThat(deposits.body().get("deposits")).hasSize(6);
        deposits.body().get("deposits").forEach(d -> days.add(d.get("created_at").asText().substring(0, 10)));
        Reply confirmed = f.api.get("/v1/channels/" + ch.id() + "/withdrawals?status=confirmed", ch.key());
        confirmed.body().get("withdrawals").forEach(w -> days.add(w.get("resolved_at").asText().substring(0, 10)));

        BigDecimal net = BigDecimal.ZERO;
        BigDecimal clearingNet = BigDecimal.ZERO;
        int depositCount = 0;
        int withdrawalCount = 0;
        for (String day : days) {
            JsonNode s = calls.statement(ch.key(), ch.id(), day);
            BigDecimal dayIn = sum(s.get("deposits"));
            BigDecimal dayOut = sum(s.get("withdrawals"));
            assertThat(new BigDecimal(s.get("deposit_total").asText())).isEqualByComparingTo(dayIn);
            assertThat(new BigDecimal(s.get("withdrawal_total").asText())).isEqualByComparingTo(dayOut);
            assertThat(new BigDecimal(s.get("net").asText())).isEqualByComparingTo(dayIn.subtract(dayOut));
            assertThat(new BigDecimal(s.at("/clearing/net").asText())).isEqualByComparingTo(dayIn.subtract(dayOut));
            assertThat(new BigDecimal(s.at("/clearing/debits_posted").asText())).isEqualByComparingTo(dayIn);
            assertThat(new BigDecimal(s.at("/clearing/credits_posted").asText())).isEqualByComparingTo(dayOut);
            net = net.add(new BigDecimal(s.get("net").asText()));
            clearingNet = clearingNet.add(new BigDecimal(s.at("/clearing/net").asText()));
            depositCount += s.get("deposit_count").asInt();
            withdrawalCount += s.get("withdrawal_count").asInt();
        }
        assertThat(depositCount).isEqualTo(6);
        assertThat(withdrawalCount).isEqualTo(2);
        assertThat(net).isEqualByComparingTo(in.subtract(out));
        assertThat(clearingNet).isEqualByComparingTo(in.subtract(out));
        Reply position = f.api.get("/v1/channels/" + ch.id(), adminKey);
        assertThat(new BigDecimal(position.body().get("position").asText())).isEqualByComparingTo(in.subtract(out));

        Reply badDate = f.api.get("/v1/channels/" + ch.id() + "/statement?date=2026-13-01", ch.key());
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.errorField()).isEqualTo("date");
        assertThat(f.api.get("/v1/channels/" + ch.id() + "/statement?date=2026-12-01", bank.key()).status())
                .isEqualTo(403);
        assertThat(f.api.get("/v1/admin/invariants", adminKey).body().get("ok").asBoolean()).isTrue();
    }

    private static BigDecimal sum(JsonNode items) {
        BigDecimal s = BigDecimal.ZERO;
        for (JsonNode i : items) {
            s = s.add(new BigDecimal(i.get("amount").asText()));
        }
        return s;
    }
}

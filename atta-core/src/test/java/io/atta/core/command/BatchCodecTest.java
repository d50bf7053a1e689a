package io.atta.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atta.core.auth.Role;
import io.atta.core.gateway.CreateApp;
import io.atta.core.trade.TradeOp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
    private static final long ts = 1_700_000_000_123_456_789L;

    /** One command of every type, with values that catch swapped, truncated or sign-mangled fields. */
    private static List<Command> everyType() {
        return List.of(
                new CreateUser(Long.MAX_VALUE, 0x0123_4567_89AB_CDEFL, 156, -1L, Long.MIN_VALUE, 42L, 0x7FL),
                new CreateAccount(1L << 60, 2L, Integer.MAX_VALUE, -7, 0b101, Long.MIN_VALUE),
                new CreateTransfer(11L, 12L, 13L, Long.MAX_VALUE, 392, Integer.MIN_VALUE, 0xF, 14L, 2_592_000,
                        -15L, 16L),
                new CloseAccount(-3L, 4L),
                Tick.instance,
                new CreateMerchant(21L, -22L, Integer.MAX_VALUE, "茶叶铺 Teahouse", "https://例子.example/notify?a=1&b=é",
                        "s3cr\u00e9t\u0000"),
                new CreateTrade(Long.MIN_VALUE, 31L, "订单-𝄞-42", -32L, Long.MAX_VALUE, 156, 3, Integer.MIN_VALUE, true,
                        "龍井茶 250 g · 🍵"),
                new BindTradeBuyer(-41L, Long.MAX_VALUE),
                new PayTrade(51L, -52L, "", 53L, Long.MIN_VALUE, 54L, 392, -1, Long.MAX_VALUE, -55L, 100_000,
                        Integer.MAX_VALUE, true),
                new TradeAction(61L, TradeOp.decideDispute, -62L, Long.MIN_VALUE, Long.MAX_VALUE, "理由：货不对板",
                        "退款-01"),
                new RecordDelivery(-71L, RecordDelivery.Outcome.abandoned, Long.MIN_VALUE),
                new CreateTrade(81L, -82L, "gw-1", 0L, 8_888L, 156, 2, 900, false, "扫码付 · 𝄞", Long.MAX_VALUE,
                        "http://127.0.0.1:9/notify?x=1&y=é", "https://shop.example/return", 1),
                new PayGatewayTrade(new PayTrade(91L, 92L, "gw-1", 93L, 94L, 8_888L, 156, 2, 95L, 96L, 6_000, 0, false,
                        1, 7_776_000L, "扫码付", -97L), new PayGatewayTrade.Terms(Long.MIN_VALUE,
                        "http://127.0.0.1:9/notify")),
                new PayTrade(98L, 99L, "rest-1", 100L, 101L, 1L, 156, 0, 102L, 103L, 0, 0, true, 0, 0L, "书 · 📚",
                        Long.MAX_VALUE),
                new CreateApp(2021L, -2022L, "收银台 app", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA+/="),
                new CreateKey(Long.MAX_VALUE, Role.channel, -101L, Long.MIN_VALUE, 0x0123_4567_89AB_CDEFL, -1L, 0L,
                        Long.MAX_VALUE, "银行 key · 🔑", -102L),
                new RevokeKey(-111L, Long.MAX_VALUE),
                new CreateChannel(Long.MIN_VALUE, "工商银行 ICBC", Integer.MAX_VALUE),
                new Deposit(121L, -122L, Long.MAX_VALUE, Long.MIN_VALUE, -156, "bank-ref-é-𝄞"),
                new RequestWithdrawal(-131L, 132L, Long.MIN_VALUE, Long.MAX_VALUE, 392, Integer.MIN_VALUE, "提现-1"),
                new ResolveWithdrawal(Long.MAX_VALUE, -141L, true, "回单 42"),
                new ResolveWithdrawal(151L, 152L, false, ""),
                new ReopenAccount(Long.MIN_VALUE),
                new Adjust(-161L, Long.MAX_VALUE, Long.MIN_VALUE, 840, false, -162L, "退回多付 · refund of overpay"),
                new Adjust(171L, 172L, 1L, 156, true, 0L, ""),
                new ClaimTradeName(Long.MAX_VALUE, Long.MIN_VALUE),
                new io.atta.core.insurance.CreateInsurer("PICC-财险", "中国人保 · 🛡", 156, Long.MIN_VALUE, -181L),
                new io.atta.core.insurance.CreateInsuranceProduct("RS", "退货运费险", "PICC", 0, Integer.MAX_VALUE, 1,
                        Long.MAX_VALUE, Integer.MIN_VALUE, -191L, Long.MIN_VALUE, 192L, -193L, Long.MAX_VALUE, 194L,
                        Long.MIN_VALUE),
                new io.atta.core.insurance.CoverTrade(Long.MIN_VALUE, 201L, "RS"),
                new io.atta.core.insurance.BuyPolicy(-211L, Long.MAX_VALUE, ""),
                new io.atta.core.insurance.ReportClaim(221L, -222L, 223L, Long.MAX_VALUE, Long.MIN_VALUE, "手机被盗 · 📱"),
                new io.atta.core.insurance.DecideClaim(Long.MAX_VALUE, true, -231L, "报案回执"));
    }

    @Test
    void everyRoleSurvivesARoundTrip() {
        List<Command> commands = new ArrayList<>();
        for (Role r : Role.values()) {
            commands.add(new CreateKey(r.ordinal() + 1L, r, 7L, 0L, 1L, 2L, 3L, 4L, r.name(), 0L));
        }

        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(BatchCodec.encode(ts, commands)));

        assertThat(batch.commands()).containsExactlyElementsOf(commands);
    }

    @Test
    void everyCommandTypeSurvivesARoundTrip() {
        List<Command> commands = everyType();
        byte[] bytes = BatchCodec.encode(ts, commands);

        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(bytes));

        assertThat(batch.timestamp()).isEqualTo(ts);
        assertThat(batch.commands()).containsExactlyElementsOf(commands);
        assertThat(batch.commands()[4]).isSameAs(Tick.instance);
    }

    @Test
    void everyTradeOpAndDeliveryOutcomeSurvivesARoundTrip() {
        List<Command> commands = new ArrayList<>();
        for (TradeOp op : TradeOp.values()) {
            commands.add(new TradeAction(op.ordinal() + 1L, op, 7L, 8L, 9L, op.name(), ""));
        }
        for (RecordDelivery.Outcome o : RecordDelivery.Outcome.values()) {
            commands.add(new RecordDelivery(o.ordinal() + 1L, o, 1_000L * o.ordinal()));
        }
        commands.add(new CreateTrade(1L, 2L, "x", 0L, 1L, 840, 0, 900, false, ""));
        commands.add(new PayTrade(1L, 2L, "x", 3L, 4L, 1L, 840, 0, 5L, 6L, 0, 0, false));

        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(BatchCodec.encode(ts, commands)));

        assertThat(batch.commands()).containsExactlyElementsOf(commands);
    }

    /** Whether a prepare decides rides in its coordinator field; one that only votes is written as before the flag. */
    @Test
    void aPrepareKeepsWhetherItsParticipantDecides() {
        CreateTransfer leg = new CreateTransfer(11L, 12L, 13L, 5L, 156, 1, 0, 0, 0, 0, 0);
        for (boolean decides : new boolean[] {false, true}) {
            PrepareTransaction p = new PrepareTransaction(63, -7L, new CreateTransfer[] {leg}, decides);
            byte[] bytes = BatchCodec.encode(ts, List.of(p));

            Command back = BatchCodec.decode(ByteBuffer.wrap(bytes)).commands()[0];

            assertThat(back).isInstanceOfSatisfying(PrepareTransaction.class, q -> {
                assertThat(q.coordinator()).isEqualTo(63);
                assertThat(q.txId()).isEqualTo(-7L);
                assertThat(q.legs()).containsExactly(leg);
                assertThat(q.decides()).isEqualTo(decides);
            });
            int coordinatorField = ByteBuffer.wrap(bytes).getInt(BatchCodec.headerBytes + 1);
            assertThat(coordinatorField).isEqualTo(decides ? 63 | 0x8000_0000 : 63);
        }
    }

    @Test
    void textsAreCountedInUtf8BytesNotChars() {
        String text = "退款原因：尺码不合适 🙁";
        TradeAction a = new TradeAction(1L, TradeOp.requestRefund, 2L, 3L, 4L, text, "");
        TradeAction empty = new TradeAction(1L, TradeOp.requestRefund, 2L, 3L, 4L, "", "");

        assertThat(BatchCodec.encodedSize(a) - BatchCodec.encodedSize(empty))
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(text.length());
    }

    @Test
    void refusesATextOverTheLimit() {
        String tooLong = "é".repeat(BatchCodec.maxTextBytes / 2 + 1);

        assertThatThrownBy(() -> BatchCodec.encode(ts, List.of(new TradeAction(1L, TradeOp.ship, 0L, 0L, 0L, tooLong,
                ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTextBytes");
    }

    @Test
    void eachCommandTypeAloneSurvivesARoundTripAndHasItsAnnouncedSize() {
        for (Command c : everyType()) {
            byte[] bytes = BatchCodec.encode(-ts, List.of(c));

            assertThat(bytes).as("%s", c).hasSize(BatchCodec.headerBytes + BatchCodec.encodedSize(c));
            BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(bytes));
            assertThat(batch.timestamp()).isEqualTo(-ts);
            assertThat(batch.commands()).as("%s", c).containsExactly(c);
        }
    }

    @Test
    void emptyBatchSurvivesARoundTrip() {
        byte[] bytes = BatchCodec.encode(ts, List.of());

        assertThat(bytes).hasSize(BatchCodec.headerBytes);
        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(bytes));
        assertThat(batch.timestamp()).isEqualTo(ts);
        assertThat(batch.commands()).isEmpty();
    }

    @Test
    void decodesFromABufferPositionedInsideALargerArray() {
        byte[] bytes = BatchCodec.encode(ts, everyType());
        byte[] framed = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, framed, 5, bytes.length);

        BatchCodec.Batch batch = BatchCodec.decode(ByteBuffer.wrap(framed, 5, bytes.length));

        assertThat(batch.commands()).containsExactlyElementsOf(everyType());
    }

    @Test
    void refusesAnUnknownVersion() {
        byte[] bytes = BatchCodec.encode(ts, everyType());
        bytes[0] = (byte) (BatchCodec.version + 1);

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("version");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] bytes = BatchCodec.encode(ts, everyType());
        byte[] longer = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, longer, 0, bytes.length);

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(longer)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trailing");
    }

    @Test
    void refusesAnUnknownCommandType() {
        byte[] bytes = BatchCodec.encode(ts, List.of(Tick.instance));
        bytes[BatchCodec.headerBytes] = 99;

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("command type");
    }

    @Test
    void refusesAnUnknownRole() {
        byte[] bytes = BatchCodec.encode(ts, List.of(new CreateKey(1L, Role.user, 1L, 0L, 1L, 2L, 3L, 4L, "", 0L)));
        bytes[BatchCodec.headerBytes + 1 + 8] = (byte) (java.util.Arrays.stream(Role.values()).mapToInt(Role::code)
                .max().orElseThrow() + 1);

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("role");
    }

    @Test
    void refusesACountLargerThanTheEntry() {
        byte[] bytes = BatchCodec.encode(ts, List.of(Tick.instance));
        ByteBuffer.wrap(bytes).putInt(1 + 8, 1_000);

        assertThatThrownBy(() -> BatchCodec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("count");
    }

    @Test
    void everyCommandTypeKeepsTheCodeExistingLogsHold() {
        // A REST payment has its own compact form since the gateway's terms left it (30); a gateway
        // payment keeps the form every payment had (14), which is how logs written before decode.
        int[] codes = {1, 2, 3, 4, 5, 11, 12, 13, 30, 15, 16, 12, 14, 30, 17, 18, 19, 20, 21, 22, 23, 23, 24, 25, 25, 40, 155, 156,
                157, 158, 159, 160};
        List<Command> commands = everyType();
        for (int i = 0; i < commands.size(); i++) {
            byte[] bytes = BatchCodec.encode(ts, List.of(commands.get(i)));
            assertThat(Byte.toUnsignedInt(bytes[BatchCodec.headerBytes])).as("%s", commands.get(i)).isEqualTo(codes[i]);
        }
        CreateTransfer leg = new CreateTransfer(1L, 2L, 3L, 4L, 156, 0, 0, 0L, 0, 0L, 0L);
        List<Command> transactions = List.of(new BeginTransaction(1L, 2L, new CreateTransfer[] {leg}),
                new PrepareTransaction(1, 1L, new CreateTransfer[] {leg}),
                new DecideTransaction(1L, false, Result.exceeds_debits, 0), new ResolveTransaction(1, 1L, true),
                new FinishTransaction(1L));
        for (int i = 0; i < transactions.size(); i++) {
            byte[] bytes = BatchCodec.encode(ts, List.of(transactions.get(i)));
            assertThat(bytes[BatchCodec.headerBytes]).as("%s", transactions.get(i)).isEqualTo((byte) (6 + i));
        }
    }

    /** A product's command, as a family outside the build's list would add it. */
    record Stamp(long id, String text) implements Command {
    }

    private static CommandFamily stampFamily(int code) {
        return new CommandFamily() {
            @Override
            public String name() {
                return "stamp";
            }

            @Override
            public List<CommandType<?>> types() {
                return List.of(new CommandType<>(code, Stamp.class, s -> 8 + CommandFields.textBytes(s.text()),
                        (s, b) -> CommandFields.putText(b.putLong(s.id()), s.text()),
                        b -> new Stamp(b.getLong(), CommandFields.getText(b))));
            }
        };
    }

    @Test
    void aCodecBuiltWithAnotherFamilyRoundTripsItsCommandsBesideTheStandardOnes() {
        List<CommandFamily> families = new ArrayList<>(Families.standard());
        families.add(stampFamily(200));
        BatchCodec codec = new BatchCodec(families);
        List<Command> commands = new ArrayList<>(everyType());
        commands.add(2, new Stamp(-5L, "印章 · stamp"));

        BatchCodec.Batch batch = codec.read(ByteBuffer.wrap(codec.write(ts, commands)));

        assertThat(batch.commands()).containsExactlyElementsOf(commands);
        assertThatThrownBy(() -> BatchCodec.encode(ts, List.of(new Stamp(1L, ""))))
                .as("the standard codec does not know the family").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown command");
    }

    @Test
    void refusesTwoFamiliesClaimingOneCode() {
        List<CommandFamily> families = new ArrayList<>(Families.standard());
        families.add(stampFamily(3));

        assertThatThrownBy(() -> new BatchCodec(families)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("command code 3 of family stamp").hasMessageContaining("CreateTransfer");
    }

    @Test
    void refusesOneCommandClaimedTwice() {
        assertThatThrownBy(() -> new BatchCodec(List.of(stampFamily(200), stampFamily(201))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered twice");
    }
}

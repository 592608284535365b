package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedEvent;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.generate.RecordKind;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.pipelines.job.RunSpec;
import io.lakestream.pipelines.privacy.KeyStore;
import io.lakestream.pipelines.privacy.KeyStores;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-shredding end to end, through the command line: a stream with {@code --key-store} writes
 * no clear user id anywhere in the lake, and its rows equal the oracle's with each user id replaced
 * by {@code HMAC-SHA256(user_id, k_user)} (computed here with {@code javax.crypto}, from the keys
 * the store holds); after {@code forget-user}, a backfill of the same dates rebuilds the partitions
 * without the user's rows, leaves the other users' rows as the oracle says, and does not create a
 * key for the user again.
 */
class CryptoShreddingITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY1 = DAY0.plusDays(1);
    private static final String FORGOTTEN = "u0"; // the generator's hot user: most events

    /** A user id of the generator ("u" and a number), as a field of a raw payload. */
    private static final Pattern CLEAR_ID_FIELD =
            Pattern.compile("[\"']user_id[\"']\\s*:\\s*(?:[\"']u[0-9]|[0-9])");

    private static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{64}");

    @TempDir Path work;

    @Test
    void noClearUserIdInTheLakeAndAForgottenUserIsGoneAfterABackfill() throws Exception {
        String topic = "events-private";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(12_000, 23)
                        .users(150)
                        .items(200)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.02)
                        .duplicateFraction(0.03)
                        .malformedFraction(0.03)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), topic).publish(config);
        List<GeneratedRecord> records = EventGenerator.generateAll(config);
        GeneratedTruth truth = new GeneratedTruth(records);
        // the check below can fail: the raw payloads as produced do carry clear user ids
        assertThat(truth.malformed)
                .anySatisfy(
                        r ->
                                assertThat(
                                                CLEAR_ID_FIELD
                                                        .matcher(
                                                                new String(
                                                                        r.value(),
                                                                        StandardCharsets
                                                                                .ISO_8859_1))
                                                        .find())
                                        .isTrue());
        Path lake = work.resolve("lake");
        String keys = work.resolve("keys/keys.db").toString();

        CliRuns.run(
                KAFKA.bootstrapServers(),
                work.resolve("state"),
                topic,
                lake,
                "ingest,user_daily",
                "--mode",
                "stream",
                "--until",
                "latest",
                "--key-store",
                keys);

        Set<String> users = users(truth.all());
        assertNoClearUserIds(lake, users);
        Map<String, byte[]> keysBefore = keysOf(keys, users);
        assertThat(keysBefore).containsOnlyKeys(users);
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(pseudonymized(truth.onTime, keysBefore)));
        StreamBackfillITCase.assertSameRows(
                "user_daily",
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow),
                GeneratedTruth.userDaily(pseudonymized(truth.onTime, keysBefore)));

        // repair restates the partitions the late events change, with the same keys (exit 3)
        assertThat(truth.late).isNotEmpty();
        CliRun repair =
                CliRuns.capture(
                        "repair",
                        "--lake",
                        lake.toString(),
                        "--bootstrap",
                        KAFKA.bootstrapServers(),
                        "--topic",
                        topic,
                        "--web-ui-port",
                        "0",
                        "--state-dir",
                        work.resolve("state").toString(),
                        "--key-store",
                        keys);
        assertThat(repair.code()).as(repair.err()).isEqualTo(3);
        assertNoClearUserIds(lake, users);
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(pseudonymized(truth.all(), keysBefore)));
        StreamBackfillITCase.assertSameRows(
                "user_daily",
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow),
                GeneratedTruth.userDaily(pseudonymized(truth.all(), keysBefore)));

        // the same users get the same pseudonyms in a backfill: verify finds the lakes equal
        Path backfilled = work.resolve("lake-backfill");
        backfillWithKeys(topic, backfilled, keys);
        assertNoClearUserIds(backfilled, users);
        assertThat(CliRuns.verify(lake, backfilled)).isZero();
        Map<String, byte[]> keysAfterBackfill = keysOf(keys, users);
        assertThat(keysAfterBackfill).containsOnlyKeys(users);
        keysAfterBackfill.forEach((u, k) -> assertThat(k).as(u).isEqualTo(keysBefore.get(u)));

        String oldPseudonym = hmac(FORGOTTEN, keysBefore.get(FORGOTTEN));
        assertThat(LakeRows.byPartition(lake, "events", r -> str(r, "user_id")).values())
                .anySatisfy(rows -> assertThat(rows).contains(oldPseudonym));

        CliRun forget = CliRuns.capture("forget-user", "--user", FORGOTTEN, "--key-store", keys);
        assertThat(forget.code()).as(forget.err()).isZero();
        assertThat(forget.out()).startsWith("forgot user " + FORGOTTEN + ": key deleted");

        String summary = backfillWithKeys(topic, lake, keys);

        // every delivery of the user's events (duplicates too) was dropped, and counted
        long deliveries =
                records.stream()
                        .filter(r -> r.kind() != RecordKind.MALFORMED)
                        .filter(r -> r.event().userId().equals(FORGOTTEN))
                        .count();
        assertThat(deliveries).isPositive();
        assertThat(summary)
                .contains(String.format(Locale.ROOT, "%,d of forgotten users dropped", deliveries));

        try (KeyStore store = KeyStores.open(keys)) {
            assertThat(store.existingKeyOf(FORGOTTEN)).isEmpty();
            assertThat(store.isForgotten(FORGOTTEN)).isTrue();
        }
        Map<String, byte[]> keysAfter = keysOf(keys, users);
        assertThat(keysAfter).doesNotContainKey(FORGOTTEN).hasSize(users.size() - 1);
        keysAfter.forEach((u, k) -> assertThat(k).as(u).isEqualTo(keysBefore.get(u)));

        List<GeneratedEvent> others =
                truth.all().stream().filter(e -> !e.userId().equals(FORGOTTEN)).toList();
        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(pseudonymized(others, keysAfter)));
        StreamBackfillITCase.assertSameRows(
                "user_daily",
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow),
                GeneratedTruth.userDaily(pseudonymized(others, keysAfter)));
        assertNoClearUserIds(lake, users);
        assertThat(CliRuns.filesContaining(lake.resolve("events"), oldPseudonym)).isEmpty();
        assertThat(CliRuns.filesContaining(lake.resolve("user_daily"), oldPseudonym)).isEmpty();
        assertThat(CliRuns.filesContaining(lake.resolve("_quarantine"), oldPseudonym)).isEmpty();
    }

    /**
     * The keyed state of a pseudonymizing stream (user_daily's, keyed by user) holds pseudonyms
     * only: its canonical savepoint, which Flink writes uncompressed, has every key string in
     * Flink's {@code StringValue} encoding (a length byte, then the ASCII characters) — found for
     * the pseudonyms, and for none of the clear ids; and the State Processor API reads the keys of
     * user_daily's windows back as pseudonyms.
     */
    @Test
    void aSavepointOfAPseudonymizingStreamHoldsNoClearUserId() throws Exception {
        String topic = "events-private-savepoint";
        KAFKA.createTopic(topic, 1);
        GeneratorConfig config =
                GeneratorConfig.builder(6_000, 29)
                        .users(150)
                        .items(100)
                        .start(DAY0)
                        .days(1)
                        .partitions(1)
                        .build();
        List<GeneratedRecord> records = EventGenerator.generateAll(config);
        var ends = SavepointRuns.publish(KAFKA.bootstrapServers(), topic, records);
        String keys = work.resolve("keys/keys.db").toString();
        RunSpec spec =
                SavepointRuns.stream(
                                KAFKA.bootstrapServers(),
                                topic,
                                work.resolve("lake"),
                                "private-savepoint",
                                0)
                        .toBuilder()
                        .keyStore(KeyStores.normalize(keys))
                        .build();
        JobClient job = SavepointRuns.start(spec, 2, work.resolve("state"));
        String savepoint;
        try {
            SavepointRuns.awaitCheckpointedPast(KAFKA.bootstrapServers(), spec.groupId, ends);
            savepoint = SavepointRuns.stopWithSavepoint(job, work.resolve("savepoints"));
        } catch (Exception e) {
            job.cancel().get();
            throw e;
        }
        Path dir = Path.of(URI.create(savepoint));

        GeneratedTruth truth = new GeneratedTruth(records);
        Set<String> users = users(truth.all());
        Map<String, byte[]> k = keysOf(keys, users);
        assertThat(k).containsOnlyKeys(users);
        for (String u : new TreeSet<>(users)) {
            String pseudonym = hmac(u, k.get(u));
            // 64 hex digits: found in no other way
            assertThat(CliRuns.filesContaining(dir, pseudonym))
                    .as("the pseudonym of " + u + " in the savepoint")
                    .isNotEmpty();
            if (u.length() >= 4) {
                // u100..u149 with their length, too long to occur by chance: as Flink's string
                // serializer writes it (length + 1), and as EventSerializer does, the events of
                // user_daily's open windows (length << 1, then the ASCII chars)
                for (char length : new char[] {(char) (u.length() + 1), (char) (u.length() << 1)}) {
                    assertThat(CliRuns.filesContaining(dir, length + u))
                            .as("the clear id " + u + " in the savepoint")
                            .isEmpty();
                }
            }
        }

        // and read back with the State Processor API: user_daily's open windows hold the events
        // of pseudonyms, and of no clear id
        Set<String> pseudonyms =
                users.stream().map(u -> hmac(u, k.get(u))).collect(Collectors.toSet());
        Set<String> stateKeys = SavepointKeys.userDailyWindowUsers(savepoint);
        assertThat(stateKeys)
                .isNotEmpty()
                .isSubsetOf(pseudonyms)
                .doesNotContainAnyElementsOf(users);
    }

    /**
     * No string value of any row of any table is a clear user id, and no raw quarantined payload
     * (base64 ones decoded) has a user_id field with one; the user id columns hold pseudonyms only.
     */
    private static void assertNoClearUserIds(Path lake, Set<String> users) throws Exception {
        for (String table : List.of("events", "user_daily", "_late_events", "_quarantine")) {
            for (List<GenericRecord> rows : LakeRows.records(lake, table).values()) {
                for (GenericRecord r : rows) {
                    for (Schema.Field f : r.getSchema().getFields()) {
                        Object v = r.get(f.name());
                        if (v == null) {
                            continue;
                        }
                        String s = v.toString();
                        assertThat(users).as(table + "." + f.name()).doesNotContain(s);
                        if (f.name().equals("user_id")) {
                            assertThat(s).as(table + ".user_id").matches(PSEUDONYM);
                        }
                    }
                    if (table.equals("_quarantine")) {
                        String raw = str(r, "raw");
                        String text =
                                "base64".equals(str(r, "raw_encoding"))
                                        ? new String(
                                                Base64.getDecoder().decode(raw),
                                                StandardCharsets.ISO_8859_1)
                                        : raw;
                        Matcher m = CLEAR_ID_FIELD.matcher(text);
                        assertThat(m.find()).as("clear user_id in _quarantine: " + text).isFalse();
                    }
                }
            }
        }
        assertThat(LakeRows.visibleRows(lake, "_quarantine")).isPositive();
        assertThat(LakeRows.visibleRows(lake, "events")).isPositive();
    }

    private static Set<String> users(List<GeneratedEvent> events) {
        return events.stream().map(GeneratedEvent::userId).collect(Collectors.toSet());
    }

    /** The keys the store holds for {@code users} (those it has). */
    /** {@code ingest,user_daily} backfilled over both days with the key store: its summary. */
    private String backfillWithKeys(String topic, Path lake, String keys) {
        return CliRuns.runCapturingOutput(
                KAFKA.bootstrapServers(),
                work.resolve("state"),
                topic,
                lake,
                "ingest,user_daily",
                "--mode",
                "backfill",
                "--from",
                DAY0.toString(),
                "--to",
                DAY1.toString(),
                "--key-store",
                keys);
    }

    private static Map<String, byte[]> keysOf(String location, Set<String> users) {
        Map<String, byte[]> keys = new java.util.HashMap<>();
        try (KeyStore store = KeyStores.open(location)) {
            for (String u : new TreeSet<>(users)) {
                store.existingKeyOf(u).ifPresent(k -> keys.put(u, k));
            }
        }
        return keys;
    }

    private static List<GeneratedEvent> pseudonymized(
            List<GeneratedEvent> events, Map<String, byte[]> keys) {
        List<GeneratedEvent> out = new ArrayList<>();
        for (GeneratedEvent e : events) {
            out.add(
                    new GeneratedEvent(
                            e.eventId(),
                            hmac(e.userId(), keys.get(e.userId())),
                            e.itemId(),
                            e.eventType(),
                            e.tsMillis(),
                            e.country(),
                            e.device(),
                            e.price(),
                            e.age()));
        }
        return out;
    }

    /** The oracle's pseudonym: HMAC-SHA256 of the id's UTF-8 bytes, lowercase hex. */
    private static String hmac(String userId, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(GenericRecord r, String field) {
        return String.valueOf(r.get(field));
    }
}

package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lakestream.deploy.cli.CliRun;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.job.lineage.LineageRunId;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage end to end: a Kafka backfill (ingest, user_daily) and then a lake backfill (dau from the
 * lake's events) through {@code lakestream run}; every event in the lake's {@code _lineage/} must
 * validate against the OpenLineage JSON schema, and name what the runs read and wrote — the oracle
 * is the topic's own offsets (asked of Kafka) and the committed manifests on disk. Then {@code
 * lakestream lineage} draws them, and headless Chromium (when installed) renders the page.
 */
class LineageITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);
    private static final LocalDate DAY1 = DAY0.plusDays(1);
    private static final String TOPIC = "events-lineage";

    @TempDir static Path work;

    private static Path lake;
    private static List<JsonNode> events;
    private static Path streamLake;
    private static List<JsonNode> streamEvents;

    @BeforeAll
    static void runABackfillFromKafkaThenOneFromTheLake() throws Exception {
        KAFKA.createTopic(TOPIC, 2);
        GeneratorConfig config =
                GeneratorConfig.builder(4_000, 5)
                        .users(300)
                        .items(50)
                        .start(DAY0)
                        .days(2)
                        .lateFraction(0.0)
                        .duplicateFraction(0.02)
                        .malformedFraction(0.01)
                        .partitions(2)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), TOPIC).publish(config);
        lake = work.resolve("lake");
        backfill("ingest,user_daily", "kafka");
        backfill("dau", "lake");
        events = readLineage(lake);
        streamLake = work.resolve("stream-lake");
        CliRuns.run(
                KAFKA.bootstrapServers(),
                work.resolve("stream-state"),
                TOPIC,
                streamLake,
                "ingest",
                "--mode",
                "stream",
                "--until",
                "latest");
        streamEvents = readLineage(streamLake);
    }

    private static void backfill(String pipelines, String source) {
        CliRuns.run(
                KAFKA.bootstrapServers(),
                work.resolve("state"),
                TOPIC,
                lake,
                pipelines,
                "--mode",
                "backfill",
                "--from",
                DAY0.toString(),
                "--to",
                DAY1.toString(),
                "--source",
                source);
    }

    @Test
    void everyEventValidatesAgainstTheOpenLineageSchema() throws Exception {
        JsonSchema schema;
        try (InputStream in =
                LineageITCase.class.getResourceAsStream("/openlineage/OpenLineage.json")) {
            SchemaValidatorsConfig checks =
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                            .getSchema(in, checks);
        }
        assertThat(events).isNotEmpty();
        for (JsonNode e : events) {
            Set<ValidationMessage> errors = schema.validate(e);
            assertThat(errors).as(e.toString()).isEmpty();
        }
        // the schema is not a rubber stamp: an event without a run id fails it
        JsonNode broken = events.get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("run")).remove("runId");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void theKafkaBackfillNamesTheTopicsOffsetsAndWhatItPublished() throws Exception {
        List<JsonNode> run = runOf("ingest,user_daily.backfill");
        String runId = lakestreamRunId(run);
        assertThat(types(run).get(0)).isEqualTo("START");
        assertThat(types(run).get(run.size() - 1)).isEqualTo("COMPLETE");
        assertThat(run)
                .allMatch(
                        e -> e.at("/run/runId").asText().equals(LineageRunId.of(runId).toString()));

        // inputs: the topic, with the offsets Kafka holds (the backfill's range covers them all)
        JsonNode complete = run.get(run.size() - 1);
        assertThat(complete.at("/inputs")).hasSize(1);
        JsonNode topic = complete.at("/inputs/0");
        assertThat(topic.at("/namespace").asText())
                .isEqualTo("kafka://" + KAFKA.bootstrapServers());
        assertThat(topic.at("/name").asText()).isEqualTo(TOPIC);
        assertThat(offsetsOf(topic)).isEqualTo(topicOffsets());

        // outputs: per table the rows and partitions of the manifests naming this run
        Map<String, Map<String, Long>> manifests = committedByRun(lake, runId);
        assertThat(manifests.keySet()).contains("events", "user_daily");
        assertThat(outputsOf(complete)).isEqualTo(manifests);

        // one OTHER event per published partition, with that partition's rows
        Map<String, Map<String, Long>> perCommit = new TreeMap<>();
        for (JsonNode e : run) {
            if (e.at("/eventType").asText().equals("OTHER")) {
                assertThat(e.at("/outputs")).hasSize(1);
                outputsOf(e)
                        .forEach(
                                (t, parts) ->
                                        perCommit
                                                .computeIfAbsent(t, k -> new TreeMap<>())
                                                .putAll(parts));
                JsonNode out = e.at("/outputs/0");
                assertThat(out.at("/outputFacets/outputStatistics/rowCount").asLong())
                        .isEqualTo(
                                out.at("/outputFacets/lakestream_partitions/partitions/0/rows")
                                        .asLong());
            }
        }
        assertThat(perCommit).isEqualTo(manifests);
    }

    @Test
    void theLakeBackfillNamesTheEventsPartitionsItRead() throws Exception {
        List<JsonNode> run = runOf("dau.backfill");
        String runId = lakestreamRunId(run);
        JsonNode complete = run.get(run.size() - 1);
        assertThat(complete.at("/eventType").asText()).isEqualTo("COMPLETE");
        List<String> inputNames = complete.at("/inputs").findValuesAsText("name");
        assertThat(inputNames).contains(lake.toAbsolutePath() + "/events");
        assertThat(complete.at("/inputs").findValuesAsText("namespace"))
                .doesNotContain("kafka://" + KAFKA.bootstrapServers());
        JsonNode eventsInput = null;
        for (JsonNode in : complete.at("/inputs")) {
            if (in.at("/name").asText().endsWith("/events")) {
                eventsInput = in;
            }
        }
        Map<String, Long> read = new TreeMap<>();
        for (JsonNode p : eventsInput.at("/inputFacets/lakestream_partitions/partitions")) {
            read.put(p.get("partition").asText(), p.get("rows").asLong());
        }
        // the oracle: every committed events partition on disk (the range covers them all)
        assertThat(read).isEqualTo(committedPartitions(lake.resolve("events")));
        assertThat(outputsOf(complete)).isEqualTo(committedByRun(lake, runId));
    }

    @Test
    void aBoundedStreamReportsThePartitionsItPublishedAndTheOffsetsOfTheirRows() throws Exception {
        assertThat(streamEvents.stream().map(e -> e.at("/run/runId").asText()).distinct())
                .hasSize(1);
        List<String> types = types(streamEvents);
        assertThat(types.get(0)).isEqualTo("START");
        assertThat(types.get(types.size() - 1)).isEqualTo("COMPLETE");
        JsonNode complete = streamEvents.get(streamEvents.size() - 1);
        assertThat(complete.at("/job/name").asText()).isEqualTo("ingest.stream");
        String runId = lakestreamRunId(streamEvents);
        Map<String, Map<String, Long>> manifests = committedByRun(streamLake, runId);
        assertThat(outputsOf(complete)).isEqualTo(manifests);
        assertThat(types.stream().filter("OTHER"::equals).count())
                .isEqualTo(manifests.values().stream().mapToLong(Map::size).sum());

        // the oracle: the union, per Kafka partition, of the manifests' offsets_of_rows
        Map<String, List<Long>> expected = new TreeMap<>();
        try (Stream<Path> all = Files.walk(streamLake)) {
            for (Path m :
                    all.filter(p -> p.getFileName().toString().equals("_MANIFEST.json")).toList()) {
                String rows = JSON.readTree(m.toFile()).at("/source/offsets_of_rows").asText("");
                for (java.util.regex.Matcher r =
                                java.util.regex.Pattern.compile("(\\d+):\\[(\\d+),(\\d+)\\]")
                                        .matcher(rows);
                        r.find(); ) {
                    long first = Long.parseLong(r.group(2));
                    long end = Long.parseLong(r.group(3)) + 1;
                    expected.merge(
                            r.group(1),
                            List.of(first, end),
                            (a, b) ->
                                    List.of(
                                            Math.min(a.get(0), b.get(0)),
                                            Math.max(a.get(1), b.get(1))));
                }
            }
        }
        assertThat(expected).hasSize(2);
        assertThat(offsetsOf(complete.at("/inputs/0"))).isEqualTo(expected);
        // and within what the topic holds
        Map<String, List<Long>> topic = topicOffsets();
        expected.forEach(
                (p, r) -> {
                    assertThat(r.get(0)).isGreaterThanOrEqualTo(topic.get(p).get(0));
                    assertThat(r.get(1)).isLessThanOrEqualTo(topic.get(p).get(1));
                });
    }

    @Test
    void theLineageCommandDrawsTheRunsAndChromiumRendersIt() throws Exception {
        Path html = work.resolve("lineage.html");
        CliRun cli =
                CliRuns.capture("lineage", "--lake", lake.toString(), "--html", html.toString());
        assertThat(cli.code()).as(cli.err()).isZero();
        Document page = Jsoup.parse(html.toFile(), "UTF-8");
        assertThat(page.select("g.node[data-kind=job] text.label").eachText())
                .containsExactlyInAnyOrder("ingest,user_daily.backfill", "dau.backfill");
        assertThat(page.select("g.node[data-kind=topic] text.label").eachText())
                .containsExactly(TOPIC);
        assertThat(page.select("g.node[data-kind=table] text.label").eachText())
                .contains("events", "user_daily", "dau", "_quarantine");
        assertThat(page.select("path.edge[data-from^=kafka://]")).hasSize(1);

        Path chromium = chromium();
        Assumptions.assumeTrue(
                chromium != null,
                "skipped: no chromium on PATH (apt-get install chromium) to render the page");
        Path png = work.resolve("lineage.png");
        Process p =
                new ProcessBuilder(
                                chromium.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--user-data-dir=" + work.resolve("chromium-profile"),
                                "--screenshot=" + png,
                                "--window-size=1600,900",
                                html.toUri().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("chromium.log").toFile())
                        .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("chromium.log"))).isZero();
        Process dom =
                new ProcessBuilder(
                                chromium.toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--user-data-dir=" + work.resolve("chromium-profile"),
                                "--dump-dom",
                                html.toUri().toString())
                        .redirectError(work.resolve("chromium-dom.log").toFile())
                        .start();
        String rendered = new String(dom.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dom.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Document browserDom = Jsoup.parse(rendered);
        assertThat(browserDom.select("svg g.node")).hasSameSizeAs(page.select("svg g.node"));
        assertThat(browserDom.select("svg path.edge")).hasSameSizeAs(page.select("svg path.edge"));
        assertThat(Files.size(png)).isGreaterThan(1_000);
        Files.copy(
                png,
                Path.of("target", "lineage-it.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static List<JsonNode> readLineage(Path lake) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(lake.resolve("_lineage"))) {
            for (Path f : files.sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    private static List<JsonNode> runOf(String jobName) {
        List<JsonNode> run =
                events.stream().filter(e -> e.at("/job/name").asText().equals(jobName)).toList();
        assertThat(run).as("events of " + jobName).isNotEmpty();
        assertThat(run.stream().map(e -> e.at("/run/runId").asText()).distinct()).hasSize(1);
        return run;
    }

    private static String lakestreamRunId(List<JsonNode> run) {
        return run.get(0).at("/run/facets/lakestream_run/run_id").asText();
    }

    private static List<String> types(List<JsonNode> run) {
        return run.stream().map(e -> e.at("/eventType").asText()).toList();
    }

    private static Map<String, List<Long>> offsetsOf(JsonNode kafkaInput) {
        Map<String, List<Long>> m = new TreeMap<>();
        kafkaInput
                .at("/inputFacets/lakestream_kafka_offsets/partitions")
                .fields()
                .forEachRemaining(
                        f ->
                                m.put(
                                        f.getKey(),
                                        List.of(
                                                f.getValue().get("start").asLong(),
                                                f.getValue().get("end").asLong())));
        return m;
    }

    /** The topic's offsets per partition, {@code [beginning, end)}, from Kafka itself. */
    private static Map<String, List<Long>> topicOffsets() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts =
                    c.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                            .map(i -> new TopicPartition(TOPIC, i.partition()))
                            .toList();
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            Map<String, List<Long>> m = new TreeMap<>();
            for (TopicPartition tp : parts) {
                assertThat(end.get(tp)).as("records in " + tp).isGreaterThan(begin.get(tp));
                m.put(String.valueOf(tp.partition()), List.of(begin.get(tp), end.get(tp)));
            }
            return m;
        }
    }

    /** Per table, partition → rows, of an event's outputs. */
    private static Map<String, Map<String, Long>> outputsOf(JsonNode event) {
        Map<String, Map<String, Long>> m = new TreeMap<>();
        for (JsonNode out : event.at("/outputs")) {
            String name = out.get("name").asText();
            String table = name.substring(name.lastIndexOf('/') + 1);
            Map<String, Long> parts = new TreeMap<>();
            long sum = 0;
            for (JsonNode p : out.at("/outputFacets/lakestream_partitions/partitions")) {
                parts.put(p.get("partition").asText(), p.get("rows").asLong());
                sum += p.get("rows").asLong();
            }
            assertThat(out.at("/outputFacets/outputStatistics/rowCount").asLong())
                    .as(table)
                    .isEqualTo(sum);
            m.put(table, parts);
        }
        return m;
    }

    /** Per table, partition → rows, of the committed manifests on disk that name {@code runId}. */
    private static Map<String, Map<String, Long>> committedByRun(Path lake, String runId)
            throws Exception {
        Map<String, Map<String, Long>> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(lake)) {
            for (Path manifest :
                    all.filter(p -> p.getFileName().toString().equals("_MANIFEST.json")).toList()) {
                Path rel = lake.relativize(manifest.getParent());
                if (rel.toString().startsWith(".")
                        || !Files.exists(manifest.resolveSibling("_SUCCESS"))) {
                    continue;
                }
                JsonNode json = JSON.readTree(manifest.toFile());
                if (runId.equals(json.path("run_id").asText())) {
                    String table = rel.getName(0).toString();
                    String partition = rel.subpath(1, rel.getNameCount()).toString();
                    m.computeIfAbsent(table, t -> new TreeMap<>())
                            .put(partition, json.path("rows").asLong());
                }
            }
        }
        return m;
    }

    /** Partition → rows of every committed partition of a table folder. */
    private static Map<String, Long> committedPartitions(Path table) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(table)) {
            for (Path manifest :
                    all.filter(p -> p.getFileName().toString().equals("_MANIFEST.json")).toList()) {
                if (Files.exists(manifest.resolveSibling("_SUCCESS"))) {
                    m.put(
                            table.relativize(manifest.getParent()).toString(),
                            JSON.readTree(manifest.toFile()).path("rows").asLong());
                }
            }
        }
        return m;
    }
}

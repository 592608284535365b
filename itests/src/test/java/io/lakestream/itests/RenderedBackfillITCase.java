package io.lakestream.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lakestream.deploy.cli.LakestreamCli;
import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.KafkaEventPublisher;
import io.lakestream.deploy.kafka.KafkaBrokerExtension;
import io.lakestream.job.JobMain;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest from {@code lakestream k8s render} starts the job: the rendered backfill's entry class
 * runs with the manifest's {@code spec.job.args} on a MiniCluster, attached as the manifest's
 * {@code execution.attached: "true"} makes it on Kubernetes, and the lake equals the generator's
 * ground truth.
 */
class RenderedBackfillITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TOPIC = "events-rendered";
    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);

    @TempDir Path work;

    @Test
    void theRenderedBackfillsEntryClassAndArgumentsRunTheBackfill() throws Exception {
        KAFKA.createTopic(TOPIC, 1);
        GeneratorConfig generated =
                GeneratorConfig.builder(5_000, 11)
                        .users(100)
                        .items(50)
                        .start(DAY0)
                        .days(1)
                        .lateFraction(0.0)
                        .duplicateFraction(0.0)
                        .malformedFraction(0.0)
                        .partitions(1)
                        .build();
        new KafkaEventPublisher(KAFKA.bootstrapServers(), TOPIC).publish(generated);
        GeneratedTruth truth = new GeneratedTruth(EventGenerator.generateAll(generated));
        Path lake = work.resolve("lake").toAbsolutePath();
        Path config = work.resolve("lakestream.yaml");
        Files.writeString(
                config,
                "pipelines: [ingest, user_daily]\n"
                        + "lake.path: "
                        + lake
                        + "\nkafka: {bootstrap: \""
                        + KAFKA.bootstrapServers()
                        + "\", topic: "
                        + TOPIC
                        + "}\n");

        Path out = work.resolve("manifests");
        assertThat(
                        LakestreamCli.execute(
                                "k8s",
                                "render",
                                "--config",
                                config.toString(),
                                "--mode",
                                "backfill",
                                "--from",
                                DAY0.toString(),
                                "--to",
                                DAY0.toString(),
                                "--out",
                                out.toString()))
                .isZero();
        JsonNode manifest =
                new YAMLMapper().readTree(out.resolve("lakestream-backfill.yaml").toFile());
        assertThat(manifest.at("/spec/flinkConfiguration/execution.attached").asText())
                .isEqualTo("true");
        String entryClass = manifest.at("/spec/job/entryClass").asText();
        List<String> args = new ArrayList<>();
        manifest.at("/spec/job/args").forEach(a -> args.add(a.asText()));

        // the operator calls the entry class's main; execute is main without System.exit
        Class<?> entry = Class.forName(entryClass);
        assertThat(entry).isEqualTo(JobMain.class);
        Method execute = entry.getDeclaredMethod("execute", String[].class);
        execute.setAccessible(true);
        int code = (int) execute.invoke(null, (Object) args.toArray(String[]::new));
        assertThat(code).as("exit status of " + entryClass + " " + args).isZero();

        StreamBackfillITCase.assertSameRows(
                "events",
                LakeRows.byPartition(lake, "events", StreamBackfillITCase::eventRow),
                GeneratedTruth.eventsTable(truth.onTime));
        StreamBackfillITCase.assertSameRows(
                "user_daily",
                LakeRows.byPartition(lake, "user_daily", StreamBackfillITCase::userDailyRow),
                GeneratedTruth.userDaily(truth.onTime));
    }
}

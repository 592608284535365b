package io.lakestream.job.lineage;

import io.lakestream.pipelines.job.RunSpec;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClientUtils;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits one run's OpenLineage events from the process that plans and finalises it ({@code
 * JobRunner}): START before the job is submitted; when it ends, one OTHER event per partition it
 * published (timed at the partition's commit) and COMPLETE; FAIL if it fails. Nothing is added to
 * the job itself, so the per-record path is untouched.
 *
 * <p>A stream publishes partitions inside the job as its watermark passes them; their events are
 * sent when the run ends (a bounded {@code --until latest} stream). An unbounded stream emits START
 * only for now.
 *
 * <p>Lineage never fails a run: any error is logged as one line and the run goes on.
 */
public final class RunLineage {

    private static final Logger LOG = LoggerFactory.getLogger(RunLineage.class);

    private final RunSpec spec;
    private final LineageEvents events;
    private final List<LineageTransport> transports;
    private final Collection<String> tables;
    private final Clock clock;

    RunLineage(
            RunSpec spec,
            Collection<String> tables,
            List<LineageTransport> transports,
            QualityFacets quality,
            Clock clock) {
        this.spec = spec;
        this.tables = List.copyOf(tables);
        this.transports = List.copyOf(transports);
        this.events = new LineageEvents(spec, quality);
        this.clock = clock;
    }

    /**
     * The local folder of a lake given as a path or a {@code file:} URI (as {@code repair} gives
     * its work folder): {@code Path.of("file:/x")} would be a relative folder named {@code file:}.
     */
    static Path localPath(String lake) {
        return lake.startsWith("file:") ? Path.of(java.net.URI.create(lake)) : Path.of(lake);
    }

    /** The lineage of {@code spec}'s run, which writes {@code tables}, per {@code config}. */
    public static RunLineage of(RunSpec spec, Collection<String> tables, LineageConfig config) {
        List<LineageTransport> transports = new ArrayList<>();
        transports.add(new JsonLinesTransport(localPath(spec.lake)));
        if (config.httpUrl() != null) {
            transports.add(new HttpLineageTransport(config.httpUrl()));
        }
        return new RunLineage(
                spec,
                tables,
                transports,
                new QualityReportFacets(Path.of(spec.lake)),
                Clock.systemUTC());
    }

    public void started() {
        emit("START", () -> List.of(events.start(clock.instant(), tables)));
    }

    /**
     * The run's tables are finalised: reports what it published, what its quality gate held back,
     * then COMPLETE (which lists the published partitions only).
     */
    public void completed() {
        emit(
                "COMPLETE",
                () -> {
                    List<PublishedPartition> published =
                            PublishedPartition.ofRun(Path.of(spec.lake), tables, spec.runId);
                    Instant now = clock.instant();
                    List<RunEvent> out = new ArrayList<>();
                    for (PublishedPartition p : published) {
                        out.add(events.partitionCommitted(p, now));
                    }
                    for (PublishedPartition p :
                            PublishedPartition.quarantinedOfRun(
                                    Path.of(spec.lake), tables, spec.runId)) {
                        out.add(events.partitionQuarantined(p, now));
                    }
                    out.add(events.complete(now, published));
                    return out;
                });
    }

    public void failed(Throwable error) {
        emit("FAIL", () -> List.of(events.fail(clock.instant(), error)));
    }

    private interface EventSupplier {
        List<RunEvent> get() throws Exception;
    }

    private void emit(String what, EventSupplier supplier) {
        List<String> lines = new ArrayList<>();
        try {
            for (RunEvent e : supplier.get()) {
                lines.add(OpenLineageClientUtils.toJson(e));
            }
        } catch (Exception | LinkageError e) {
            LOG.warn(
                    "lineage: could not build the {} events of run {} ({}); the run goes on",
                    what,
                    spec.runId,
                    e.toString());
            return;
        }
        for (LineageTransport t : transports) {
            try {
                for (String line : lines) {
                    t.send(line);
                }
            } catch (Exception e) {
                LOG.warn(
                        "lineage: could not send the {} events of run {} to {} ({}); the run goes"
                                + " on",
                        what,
                        spec.runId,
                        t.describe(),
                        e.toString());
            }
        }
    }
}

package io.lakestream.connectors.lake;

import io.lakestream.connectors.lake.internal.LakeCommittable;
import io.lakestream.connectors.lake.internal.LakeCommittableSerializer;
import io.lakestream.connectors.lake.internal.LakeFileCommitter;
import io.lakestream.connectors.lake.internal.LakeSinkWriter;
import io.lakestream.connectors.lake.internal.PartitionCommitOperator;
import io.lakestream.connectors.lake.quality.TableExpectations;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Exactly-once, Hive-partitioned Parquet for one lake table, committed per partition.
 *
 * <p>Flink's two-phase commit does the exactly-once part: each writer rolls its Parquet files at
 * every checkpoint (or at the end of a bounded input) into hidden in-progress files through the
 * file system's {@link org.apache.flink.core.fs.RecoverableWriter}, and the committer makes them
 * visible only once the checkpoint has completed. A post-commit step then publishes whole
 * partitions: when every writer has reported a watermark past a partition's end, it writes the
 * partition's {@code _MANIFEST.json} and {@code _SUCCESS}. When a bounded job (a backfill, or a
 * stream with {@code --until latest}) has finished, {@link LakeFinalizer#finish} publishes the
 * rest. See {@link SinkMode} for streams versus backfills, and {@code
 * docs/decisions/0001-lake-sink.md} for why this is not Flink's FileSink.
 *
 * <pre>{@code
 * events.sinkTo(LakeSink.forTable(new EventsTable())
 *         .lake("/data/lake").runId(runId).mode("stream").build())
 *     .uid("sink-events");
 * }</pre>
 */
public final class LakeSink<T>
        implements Sink<T>,
                SupportsCommitter<LakeCommittable>,
                SupportsPostCommitTopology<LakeCommittable> {

    private static final long serialVersionUID = 1L;

    private final LakeSinkConfig config;
    private final LakeTable<T> table;

    private LakeSink(LakeSinkConfig config, LakeTable<T> table) {
        this.config = config;
        this.table = table;
    }

    public static <T> Builder<T> forTable(LakeTable<T> table) {
        return new Builder<>(table);
    }

    public LakeSinkConfig config() {
        return config;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new LakeSinkWriter<>(
                config,
                table,
                context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getNumberOfParallelSubtasks());
    }

    @Override
    public Committer<LakeCommittable> createCommitter(CommitterInitContext context) {
        return new LakeFileCommitter(config.writeDir());
    }

    @Override
    public SimpleVersionedSerializer<LakeCommittable> getCommittableSerializer() {
        return new LakeCommittableSerializer();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<LakeCommittable>> committed) {
        if (config.sinkMode() == SinkMode.OVERWRITE) {
            return; // a backfill publishes and swaps when the job has finished: LakeFinalizer
        }
        committed
                .global()
                .transform(
                        "commit-partitions-" + table.name(),
                        Types.VOID,
                        new PartitionCommitOperator(config))
                .uid("lake-partition-commit-" + table.name())
                .setParallelism(1)
                .setMaxParallelism(1);
    }

    /** Builds a {@link LakeSink}; {@link #build()} checks every setting at one point. */
    public static final class Builder<T> {
        private final LakeTable<T> table;
        private String lake;
        private String runId;
        private String modeLabel = "stream";
        private SinkMode sinkMode = SinkMode.APPEND;
        private LocalDate from;
        private LocalDate to;
        private final Map<String, String> source = new LinkedHashMap<>();
        private String lateTable;
        private String lateTimeColumn;
        private long compactOnPublishBytes;
        private TableExpectations expectations;
        private Duration horizon = Duration.ZERO;

        private Builder(LakeTable<T> table) {
            this.table = Objects.requireNonNull(table, "table");
        }

        /** The lake root: a local path or a Flink file system URI. */
        public Builder<T> lake(String lake) {
            this.lake = lake;
            return this;
        }

        public Builder<T> runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** The run mode recorded in manifests ({@code stream} or {@code backfill}). */
        public Builder<T> modeLabel(String modeLabel) {
            this.modeLabel = modeLabel;
            return this;
        }

        /** Append partitions as the watermark passes them (a stream). The default. */
        public Builder<T> append() {
            this.sinkMode = SinkMode.APPEND;
            return this;
        }

        /** Replace every partition of the dates {@code [from, to]} at the end of the input. */
        public Builder<T> overwrite(LocalDate from, LocalDate to) {
            this.sinkMode = SinkMode.OVERWRITE;
            this.from = from;
            this.to = to;
            return this;
        }

        /** Where the data came from, recorded in every manifest (topic, offsets, range). */
        public Builder<T> source(Map<String, String> source) {
            this.source.putAll(source);
            return this;
        }

        /**
         * Counts, in each published partition's manifest, the late events recorded so far in {@code
         * lateTable} whose {@code timeColumn} falls into the partition.
         */
        public Builder<T> countLateEventsIn(String lateTable, String timeColumn) {
            this.lateTable = lateTable;
            this.lateTimeColumn = timeColumn;
            return this;
        }

        /**
         * Compacts every partition right after publishing it, into canonical files of about {@code
         * targetBytes} (what {@code lakestream compact} would write; docs/decisions/0011). The
         * compaction runs on the publishing thread, so it delays the next publish. A compaction
         * that fails leaves the partition published as written, with one WARN line.
         */
        public Builder<T> compactOnPublish(long targetBytes) {
            if (targetBytes <= 0) {
                throw new IllegalArgumentException(
                        "compactOnPublish needs a positive target size, was " + targetBytes);
            }
            this.compactOnPublishBytes = targetBytes;
            return this;
        }

        /**
         * Checks each partition against {@code expectations} before publishing it: a partition that
         * fails a {@code quarantine-partition} rule gets {@code _QUARANTINED} instead of {@code
         * _SUCCESS}, one that fails a {@code fail-job} rule stops the run (docs/decisions/0021).
         * Null: no rules. {@link #build()} checks the rules' columns against the table's schema.
         */
        public Builder<T> expectations(TableExpectations expectations) {
            this.expectations = expectations;
            return this;
        }

        /**
         * How far past a partition's end the partition's rows depend on events, e.g. the label
         * window of a training example: when a table of the run has a {@code fail-job} rule, a
         * stream publishes this table's partition only once that table has passed its checks up to
         * the partition's end plus {@code horizon} (docs/decisions/0021). Zero by default.
         */
        public Builder<T> horizon(Duration horizon) {
            if (horizon == null || horizon.isNegative()) {
                throw new IllegalArgumentException("horizon must be zero or more, was " + horizon);
            }
            this.horizon = horizon;
            return this;
        }

        public LakeSink<T> build() {
            if (lake == null || lake.isBlank()) {
                throw new IllegalArgumentException("LakeSink needs a lake root: call lake(DIR)");
            }
            if (runId == null || runId.isBlank()) {
                throw new IllegalArgumentException("LakeSink needs a run id: call runId(ID)");
            }
            if (sinkMode == SinkMode.OVERWRITE
                    && (from == null || to == null || from.isAfter(to))) {
                throw new IllegalArgumentException(
                        "overwrite(from, to) needs from <= to, was " + from + " .. " + to);
            }
            if (expectations != null) {
                expectations.requireColumnsOf(table.schema());
            }
            return new LakeSink<>(
                    new LakeSinkConfig(
                            lake,
                            table.name(),
                            runId,
                            modeLabel,
                            sinkMode,
                            from,
                            to,
                            source,
                            lateTable,
                            lateTimeColumn,
                            compactOnPublishBytes,
                            expectations,
                            table.scheme(),
                            horizon.toMillis()),
                    table);
        }
    }
}

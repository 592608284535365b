package io.lakestream.connectors.lake.internal;

import io.lakestream.connectors.lake.LakeSinkConfig;
import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionManifest;
import io.lakestream.connectors.lake.RowChecksum;
import io.lakestream.connectors.lake.SinkMode;
import io.lakestream.connectors.lake.compact.CompactionResult;
import io.lakestream.connectors.lake.compact.LakeCompactor;
import io.lakestream.connectors.lake.quality.QualityBreachException;
import io.lakestream.connectors.lake.quality.QualityGate;
import io.lakestream.connectors.lake.quality.QualityReport;
import io.lakestream.connectors.lake.quality.QualityVerdict;
import io.lakestream.connectors.lake.read.LakeFile;
import io.lakestream.connectors.lake.read.LakeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a partition complete: builds its {@code _MANIFEST.json} from the statistics sidecars of the
 * visible data files, writes it atomically (hidden temporary file, then rename), then writes {@code
 * _SUCCESS}. Publishing again is a no-op unless files were added since (a restarted stream adding
 * to a partition), in which case the manifest lists all of them.
 *
 * <p>When the table has expectations, the {@link QualityGate} checks the partition first and its
 * {@code _QUALITY.json} is written before anything else; then a {@code quarantine-partition}
 * failure writes the manifest and {@code _QUARANTINED} instead of {@code _SUCCESS}, and a {@code
 * fail-job} failure throws a {@link QualityBreachException} with nothing else written
 * (docs/decisions/0021).
 */
public final class PartitionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionPublisher.class);

    private final LakeSinkConfig config;
    private final QualityGate gate;
    private final Map<String, Prepared> prepared = new HashMap<>();
    private long quarantined;

    public PartitionPublisher(LakeSinkConfig config) {
        this.config = config;
        this.gate =
                config.expectations() == null || config.expectations().rules().isEmpty()
                        ? null
                        : new QualityGate(config.expectations(), config.runId());
    }

    /**
     * Publishes every partition found under the sink's write folder, oldest first (so a breaker
     * stops before every later partition). Returns how many were published ({@code _SUCCESS}).
     */
    public int publishAll() throws IOException {
        return publishAll(Long.MAX_VALUE);
    }

    /**
     * Publishes, oldest first, every partition found under the sink's write folder whose end plus
     * the table's horizon is at or before {@code clearedThrough}: what the run's breaker tables
     * have passed (docs/decisions/0021). Returns how many were published.
     */
    public int publishAll(long clearedThrough) throws IOException {
        int published = 0;
        for (Partition p : sortedPartitions()) {
            if (p.endMillis() + config.horizonMillis() > clearedThrough) {
                break;
            }
            published += publish(p) ? 1 : 0;
        }
        return published;
    }

    /**
     * Checks, oldest first, every partition found under the sink's write folder, without publishing
     * any: the first phase of a run's end when the table has a {@code fail-job} rule.
     *
     * @throws QualityBreachException at the first partition that fails a {@code fail-job} rule
     */
    public void prepareAll() throws IOException {
        for (Partition p : sortedPartitions()) {
            prepare(p);
        }
    }

    private List<Partition> sortedPartitions() throws IOException {
        List<Partition> partitions = partitions();
        partitions.sort(null);
        return partitions;
    }

    /** Partitions this publisher held back with {@code _QUARANTINED} so far. */
    public long quarantined() {
        return quarantined;
    }

    /** The partitions present under the sink's write folder. */
    List<Partition> partitions() throws IOException {
        Path root = config.writeDir();
        FileSystem fs = root.getFileSystem();
        List<Partition> result = new ArrayList<>();
        if (!fs.exists(root)) {
            return result;
        }
        for (FileStatus date : fs.listStatus(root)) {
            String dateName = date.getPath().getName();
            if (!date.isDir() || !dateName.startsWith("date=")) {
                continue;
            }
            boolean hourly = false;
            for (FileStatus hour : fs.listStatus(date.getPath())) {
                if (hour.isDir() && hour.getPath().getName().startsWith("hour=")) {
                    hourly = true;
                    result.add(Partition.parse(dateName + "/" + hour.getPath().getName()));
                }
            }
            if (!hourly) {
                result.add(Partition.parse(dateName));
            }
        }
        return result;
    }

    /**
     * Returns whether the partition was (re)published: manifest and {@code _SUCCESS} written; false
     * when nothing changed since it was last published or quarantined, or when it is quarantined
     * now.
     *
     * @throws QualityBreachException when a {@code fail-job} rule fails on the partition
     */
    public boolean publish(Partition partition) throws IOException {
        Path dir = new Path(config.writeDir(), partition.path());
        FileSystem fs = dir.getFileSystem();
        if (!fs.exists(dir)) {
            return false;
        }
        List<Path> files = dataFiles(fs, dir);
        Path manifestPath = new Path(dir, PartitionManifest.FILE_NAME);
        PartitionManifest previous = readManifest(fs, manifestPath);
        if (unchangedSinceMarked(fs, dir, previous, files)) {
            return false;
        }
        Set<String> names = names(files);
        Prepared prepared = this.prepared.remove(partition.path());
        QualityGate.Evaluation quality =
                gate == null
                        ? null
                        : prepared != null && prepared.files.equals(names)
                                ? prepared.evaluation
                                : check(fs, dir, partition, files);
        PartitionManifest m = manifest(fs, partition, files);
        if (previous != null) {
            m.version = previous.version;
        }
        if (quality != null && quality.verdict() == QualityVerdict.QUARANTINED) {
            quarantine(fs, dir, partition, m, quality);
            return false;
        }
        writeAtomically(fs, manifestPath, m.toJson());
        fs.delete(new Path(dir, QualityReport.QUARANTINED_FILE), false);
        writeAtomically(fs, new Path(dir, PartitionManifest.SUCCESS_FILE), new byte[0]);
        if (config.sinkMode() == SinkMode.OVERWRITE) {
            // after a bounded job no writer has a file open: what is left is from failed
            // attempts. A stream keeps them (hidden), since a restarted writer may own one.
            removeLeftovers(fs, dir);
        }
        LOG.info(
                "Committed partition {}/{}: {} rows in {} files",
                config.table(),
                partition.path(),
                m.rows,
                m.files.size());
        if (config.compactsOnPublish()) {
            compact(partition);
        }
        return true;
    }

    /**
     * Checks a partition without publishing it (when the table has expectations): its {@code
     * _QUALITY.json} is written, and the verdict kept for {@link #publish} as long as the
     * partition's files stay the same. A partition unchanged since it was last published or
     * quarantined is not checked again.
     *
     * @throws QualityBreachException when a {@code fail-job} rule fails on the partition
     */
    public void prepare(Partition partition) throws IOException {
        Path dir = new Path(config.writeDir(), partition.path());
        FileSystem fs = dir.getFileSystem();
        if (gate == null || !fs.exists(dir)) {
            return;
        }
        List<Path> files = dataFiles(fs, dir);
        Set<String> names = names(files);
        Prepared known = prepared.get(partition.path());
        if ((known != null && known.files.equals(names))
                || unchangedSinceMarked(
                        fs,
                        dir,
                        readManifest(fs, new Path(dir, PartitionManifest.FILE_NAME)),
                        files)) {
            return;
        }
        prepared.put(partition.path(), new Prepared(names, check(fs, dir, partition, files)));
    }

    /** A partition's checked verdict, for the files it was checked on. */
    private record Prepared(Set<String> files, QualityGate.Evaluation evaluation) {}

    /**
     * Whether the partition was published or quarantined on exactly these files already: then
     * neither checking nor publishing it again changes anything.
     */
    private static boolean unchangedSinceMarked(
            FileSystem fs, Path dir, PartitionManifest previous, List<Path> files)
            throws IOException {
        return previous != null
                && (fs.exists(new Path(dir, PartitionManifest.SUCCESS_FILE))
                        || fs.exists(new Path(dir, QualityReport.QUARANTINED_FILE)))
                && previous.files.stream()
                        .map(f -> f.name)
                        .collect(Collectors.toSet())
                        .equals(names(files));
    }

    private static Set<String> names(List<Path> files) {
        return files.stream().map(Path::getName).collect(Collectors.toSet());
    }

    /**
     * Runs the quality gate and writes {@code _QUALITY.json}; a {@code fail-job} failure stops
     * here, with the partition unpublished. A {@code warn} failure is logged and lets it through.
     */
    private QualityGate.Evaluation check(
            FileSystem fs, Path dir, Partition partition, List<Path> files) throws IOException {
        QualityGate.Evaluation quality = gate.evaluate(fs, partition, files);
        Path report = new Path(dir, QualityReport.FILE_NAME);
        writeAtomically(fs, report, quality.report().toJson());
        if (quality.verdict() == QualityVerdict.STOPPED) {
            QualityBreachException breach =
                    new QualityBreachException(
                            config.table(),
                            partition.path(),
                            quality.describeFailures(),
                            gate.expectations().source(),
                            report.toString());
            LOG.error("Quality gate: {}", breach.getMessage());
            throw breach;
        }
        if (quality.verdict() == QualityVerdict.PUBLISHED && !quality.failed().isEmpty()) {
            LOG.warn(
                    "Quality gate warns on partition {}/{}: {}; published (report: {})",
                    config.table(),
                    partition.path(),
                    quality.describeFailures(),
                    new Path(
                            new Path(config.tableDir(), partition.path()),
                            QualityReport.FILE_NAME));
        }
        return quality;
    }

    /**
     * Holds the partition back: its manifest (the files are kept, for whoever investigates) and
     * {@code _QUARANTINED}, no {@code _SUCCESS} — a previous {@code _SUCCESS} (a restarted stream
     * adding files to a partition) is removed first, so readers stop seeing it.
     */
    private void quarantine(
            FileSystem fs,
            Path dir,
            Partition partition,
            PartitionManifest m,
            QualityGate.Evaluation quality)
            throws IOException {
        fs.delete(new Path(dir, PartitionManifest.SUCCESS_FILE), false);
        writeAtomically(fs, new Path(dir, PartitionManifest.FILE_NAME), m.toJson());
        writeAtomically(
                fs,
                new Path(dir, QualityReport.QUARANTINED_FILE),
                (quality.describeFailures() + "\n").getBytes(StandardCharsets.UTF_8));
        if (config.sinkMode() == SinkMode.OVERWRITE) {
            removeLeftovers(fs, dir);
        }
        quarantined++;
        LOG.warn(
                "Quality gate quarantined partition {}/{}: {}; not published (report: {})",
                config.table(),
                partition.path(),
                quality.describeFailures(),
                new Path(new Path(config.tableDir(), partition.path()), QualityReport.FILE_NAME));
    }

    /**
     * Compaction on publish (docs/decisions/0011): the partition just published is rewritten into
     * canonical files by {@link LakeCompactor}, with its crash-safe protocol, on this thread. It is
     * already published, so a failure loses nothing: one WARN line, and the partition stays as
     * written until a later {@code lakestream compact}. A backfill compacts in its staging folder,
     * before the swap.
     */
    private void compact(Partition partition) {
        long start = System.nanoTime();
        try {
            LakeReader staged = new LakeReader(config.writeDir().getParent());
            CompactionResult r =
                    new LakeCompactor(staged, config.compactOnPublishBytes())
                            .compact(config.table(), partition);
            LOG.info(
                    "Compacted partition {}/{} on publish: {} files -> {} in {} ms",
                    config.table(),
                    partition.path(),
                    r.filesBefore(),
                    r.filesAfter(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Compaction on publish of {}/{} failed, the partition stays published as"
                            + " written; run lakestream compact later: {}",
                    config.table(),
                    partition.path(),
                    String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }

    private PartitionManifest manifest(FileSystem fs, Partition partition, List<Path> files)
            throws IOException {
        PartitionManifest m = new PartitionManifest();
        m.table = config.table();
        m.partition = partition.path();
        m.runId = config.runId();
        m.mode = config.modeLabel();
        m.committedAt = Instant.now().toString();
        long rows = 0;
        long sum = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        SourceOffsets offsets = new SourceOffsets();
        for (Path f : files) {
            FileStats s = FileStats.read(fs, f);
            offsets.merge(SourceOffsets.parse(s.sourceOffsets));
            m.files.add(new PartitionManifest.FileEntry(f.getName(), s.rows, s.bytes, s.checksum));
            rows += s.rows;
            sum += Long.parseUnsignedLong(s.checksum, 16);
            minTime = Math.min(minTime, s.minTime);
            maxTime = Math.max(maxTime, s.maxTime);
        }
        m.rows = rows;
        m.checksum = RowChecksum.format(sum);
        if (rows > 0) {
            m.eventTimeMin = Instant.ofEpochMilli(minTime).toString();
            m.eventTimeMax = Instant.ofEpochMilli(maxTime).toString();
        }
        m.source.putAll(config.source());
        if (!offsets.isEmpty()) {
            m.source.put(PartitionManifest.SOURCE_ROW_OFFSETS, offsets.toString());
        }
        m.lateEvents = lateEvents(partition);
        return m;
    }

    /**
     * Late events of the partition's interval committed so far to the late-events table (they are
     * few; reading their files is cheap). A backfill has none.
     */
    private long lateEvents(Partition partition) throws IOException {
        if (config.lateTable() == null || config.sinkMode() == SinkMode.OVERWRITE) {
            return 0;
        }
        LakeReader lake = new LakeReader(config.lakeDir());
        Partition day = Partition.daily(partition.date());
        long[] count = {0};
        for (LakeFile file : lake.dataFiles(config.lateTable(), day)) {
            lake.read(
                    file,
                    r -> {
                        long t = (Long) r.get(config.lateTimeColumn());
                        if (t >= partition.startMillis() && t < partition.endMillis()) {
                            count[0]++;
                        }
                    });
        }
        return count[0];
    }

    /** Visible data files, sorted by name so that manifests list them in a stable order. */
    private static List<Path> dataFiles(FileSystem fs, Path dir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (!s.isDir() && name.endsWith(".parquet") && !name.startsWith(".")) {
                names.add(name);
            }
        }
        return names.stream().map(n -> new Path(dir, n)).toList();
    }

    private static PartitionManifest readManifest(FileSystem fs, Path path) throws IOException {
        if (!fs.exists(path)) {
            return null;
        }
        try (InputStream in = fs.open(path)) {
            return PartitionManifest.read(in);
        }
    }

    static void writeAtomically(FileSystem fs, Path target, byte[] content) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(content);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    /** Hidden in-progress files and orphaned sidecars of attempts that never committed. */
    private static void removeLeftovers(FileSystem fs, Path dir) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            boolean orphanSidecar =
                    name.endsWith(".stats.json")
                            && !fs.exists(
                                    new Path(
                                            dir,
                                            name.substring(
                                                    1, name.length() - ".stats.json".length())));
            if (name.startsWith(".") && (name.contains("inprogress") || orphanSidecar)) {
                fs.delete(s.getPath(), false);
            }
        }
    }
}

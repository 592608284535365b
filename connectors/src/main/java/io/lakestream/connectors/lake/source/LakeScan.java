package io.lakestream.connectors.lake.source;

import io.lakestream.connectors.lake.Partition;
import io.lakestream.connectors.lake.PartitionScheme;
import io.lakestream.connectors.lake.read.LakeFile;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * What a read of one lake table over the dates {@code [from, to]} will open, planned by {@link
 * LakeScanner} before the job starts: the committed partitions in range and the data files their
 * manifests name, what is missing (dates without a committed partition, uncommitted partitions that
 * were skipped), and where in the Kafka topic the rows read end ({@link #nextOffsets()}).
 *
 * <p>A {@link LakeSource} built from a scan opens exactly {@link #paths()}.
 */
public final class LakeScan {

    private final String table;
    private final PartitionScheme scheme;
    private final LocalDate from;
    private final LocalDate to;
    private final List<ScannedPartition> partitions;
    private final List<Partition> uncommitted;
    private final List<LocalDate> missingDates;
    private final List<Partition> withoutOffsets;
    private final List<String> messages;
    private final List<Path> listedDirectories;
    private final Set<String> topics;
    private final Map<Integer, Long> nextOffsets;

    LakeScan(
            String table,
            PartitionScheme scheme,
            LocalDate from,
            LocalDate to,
            List<ScannedPartition> partitions,
            List<Partition> uncommitted,
            List<LocalDate> missingDates,
            List<Partition> withoutOffsets,
            List<String> messages,
            List<Path> listedDirectories,
            Set<String> topics,
            Map<Integer, Long> nextOffsets) {
        this.table = table;
        this.scheme = scheme;
        this.from = from;
        this.to = to;
        this.partitions = List.copyOf(partitions);
        this.uncommitted = List.copyOf(uncommitted);
        this.missingDates = List.copyOf(missingDates);
        this.withoutOffsets = List.copyOf(withoutOffsets);
        this.messages = List.copyOf(messages);
        this.listedDirectories = List.copyOf(listedDirectories);
        this.topics = Collections.unmodifiableSet(new TreeSet<>(topics));
        this.nextOffsets = Collections.unmodifiableMap(new TreeMap<>(nextOffsets));
    }

    public String table() {
        return table;
    }

    public PartitionScheme scheme() {
        return scheme;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    /** The committed partitions in range, sorted. */
    public List<ScannedPartition> partitions() {
        return partitions;
    }

    /** Partitions in range that exist but have no {@code _SUCCESS}: skipped. Sorted. */
    public List<Partition> uncommitted() {
        return uncommitted;
    }

    /** Dates in range without any committed partition. Sorted. */
    public List<LocalDate> missingDates() {
        return missingDates;
    }

    /** Committed partitions with rows whose manifests record no Kafka offsets of their rows. */
    public List<Partition> partitionsWithoutOffsets() {
        return withoutOffsets;
    }

    /**
     * One line per thing a user should know about before trusting the read: a date without a
     * committed partition, an uncommitted partition that is skipped. Empty when the whole range is
     * committed.
     */
    public List<String> messages() {
        return messages;
    }

    /**
     * Every directory the scan listed, in order: only the {@code date=} folders of the range (and
     * their {@code hour=} folders), never the table folder itself.
     */
    public List<Path> listedDirectories() {
        return listedDirectories;
    }

    /** The data files to read, partition by partition, in manifest order. */
    public List<LakeFile> files() {
        return partitions.stream().flatMap(p -> p.files().stream()).toList();
    }

    /** {@link #files()} as paths, for Flink's file source. */
    public List<Path> paths() {
        return files().stream().map(LakeFile::path).toList();
    }

    public int fileCount() {
        return partitions.stream().mapToInt(p -> p.files().size()).sum();
    }

    public long bytes() {
        return partitions.stream().mapToLong(ScannedPartition::bytes).sum();
    }

    /** Rows as the manifests record them. */
    public long rows() {
        return partitions.stream().mapToLong(ScannedPartition::rows).sum();
    }

    public boolean isEmpty() {
        return fileCount() == 0;
    }

    /** The Kafka topics the manifests say the rows came from (usually one; empty if unrecorded). */
    public Set<String> topics() {
        return topics;
    }

    /**
     * Per Kafka partition, the offset after the last record that any partition read holds (the
     * manifests' {@code offsets_of_rows}, {@code last + 1}, maximum over partitions): where a Kafka
     * read continues after the lake. Kafka partitions no manifest mentions are absent.
     */
    public Map<Integer, Long> nextOffsets() {
        return nextOffsets;
    }

    /** {@link #nextOffsets()} for a topic, in the form Kafka's offsets initializer takes. */
    public Map<TopicPartition, Long> nextOffsets(String topic) {
        Map<TopicPartition, Long> m = new LinkedHashMap<>();
        nextOffsets.forEach((p, o) -> m.put(new TopicPartition(topic, p), o));
        return m;
    }

    /**
     * The end (epoch ms) of the lake's contiguous coverage: the range start, moved on over every
     * committed partition that follows without a gap. A lake→Kafka switch must start Kafka no later
     * than the records of this instant, whatever their offsets: out-of-order events interleave
     * across partitions in a topic, so "after the last offset in the lake" can miss events of
     * partitions the lake does not hold.
     */
    public long coveredUntil() {
        TreeSet<Partition> committed = new TreeSet<>();
        partitions().forEach(p -> committed.add(p.partition()));
        long until = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        for (Partition p : committed) {
            if (p.startMillis() != until) {
                break;
            }
            until = p.endMillis();
        }
        return until;
    }

    /** One line for a log or the command line, e.g. {@code events 2026-11-01..2026-11-03: ...}. */
    public String summary() {
        return String.format(
                "%s %s..%s: %d partitions, %d files, %d bytes, %d rows%s",
                table,
                from,
                to,
                partitions.size(),
                fileCount(),
                bytes(),
                rows(),
                messages.isEmpty() ? "" : " (" + messages.size() + " warnings)");
    }

    @Override
    public String toString() {
        return summary();
    }
}

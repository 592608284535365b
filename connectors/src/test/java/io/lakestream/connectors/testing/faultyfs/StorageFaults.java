package io.lakestream.connectors.testing.faultyfs;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.fs.Path;

/**
 * Which storage operations of the {@code faulty://} file system fail: one {@link Rule} for the
 * whole JVM (the MiniCluster of a test runs in it), set by the test and consulted before every
 * operation. Each injected fault is an {@link IOException}, as a full disk, a lost mount or an
 * object store's 503 would be, and is counted per operation.
 */
public final class StorageFaults {

    /** The storage operations a fault can hit. */
    public enum Op {
        /** Creating a file ({@code create}, or opening a recoverable stream). */
        CREATE,
        /** Writing bytes into a file. */
        WRITE,
        /** Making a recoverable stream's bytes durable at a checkpoint ({@code persist}). */
        PERSIST,
        /** Closing a recoverable stream for commit, at a checkpoint. */
        CLOSE_FOR_COMMIT,
        /** Committing a file: the in-progress file becomes the final one (a rename locally). */
        COMMIT,
        /** A rename (publishing a manifest, swapping a partition). */
        RENAME
    }

    /** Decides whether one operation fails. Called on the Flink task threads: thread-safe. */
    @FunctionalInterface
    public interface Rule {
        Rule NONE = (op, path) -> false;

        boolean fails(Op op, Path path);
    }

    private static volatile Rule rule = Rule.NONE;
    private static final Map<Op, AtomicInteger> INJECTED = new EnumMap<>(Op.class);

    static {
        for (Op op : Op.values()) {
            INJECTED.put(op, new AtomicInteger());
        }
    }

    private StorageFaults() {}

    /** From now on, operations fail as {@code r} says; also resets the counts. */
    public static void set(Rule r) {
        INJECTED.values().forEach(c -> c.set(0));
        rule = r;
    }

    /** No more faults (the counts stay readable). */
    public static void clear() {
        rule = Rule.NONE;
    }

    /** Faults injected on {@code op} since the last {@link #set}. */
    public static int injected(Op op) {
        return INJECTED.get(op).get();
    }

    /** Faults injected since the last {@link #set}, all operations. */
    public static int injected() {
        return INJECTED.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static void check(Op op, Path path) throws IOException {
        if (rule.fails(op, path)) {
            INJECTED.get(op).incrementAndGet();
            throw new IOException("injected storage fault: " + op + " " + path);
        }
    }
}

package io.lakestream.deploy.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The OpenLineage events a lake holds in {@code _lineage/*.jsonl}, in file order. A line that is
 * not a JSON object (a write cut short by a crash) is counted and skipped, not fatal: the rest of
 * the history is still worth drawing.
 */
public record LineageLog(List<JsonNode> events, int unreadableLines) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The folder of the events under a lake. */
    public static Path dir(Path lake) {
        return lake.resolve("_lineage");
    }

    /**
     * Reads every {@code .jsonl} file of the lake's {@code _lineage/} folder, sorted by name (so by
     * date).
     */
    public static LineageLog read(Path lake) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir(lake))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        List<JsonNode> events = new ArrayList<>();
        int bad = 0;
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n != null && n.isObject()) {
                        events.add(n);
                    } else {
                        bad++;
                    }
                } catch (JsonProcessingException e) {
                    bad++;
                }
            }
        }
        return new LineageLog(List.copyOf(events), bad);
    }
}

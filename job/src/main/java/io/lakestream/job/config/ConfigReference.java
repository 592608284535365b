package io.lakestream.job.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/configuration.md and lakestream.example.yaml, generated from {@link Settings} so that they
 * cannot drift from it (a test compares them with the committed files). {@link #main} rewrites
 * both, given the repository root.
 */
public final class ConfigReference {

    /** The docs page, relative to the repository root. */
    public static final String DOCS = "docs/configuration.md";

    /** The example file, relative to the repository root. */
    public static final String EXAMPLE = "lakestream.example.yaml";

    /** Example values of the settings that have no default, for the example file. */
    private static final Map<String, String> EXAMPLES =
            Map.ofEntries(
                    Map.entry("pipelines", "[ingest, user_daily, dau, top_items]"),
                    Map.entry("run.mode", "stream"),
                    Map.entry(
                            "stream.from-savepoint",
                            "file:///savepoints/savepoint-3f2a1c-0b9e41d7c6a5"),
                    Map.entry("lake.path", "lake"),
                    Map.entry("kafka.username", "lakestream"),
                    Map.entry("kafka.password", "change-me"),
                    Map.entry("kafka.password-file", "/run/secrets/kafka-password"),
                    Map.entry("kafka.ssl-truststore", "/etc/kafka/truststore.p12"),
                    Map.entry("kafka.ssl-truststore-password", "change-me"),
                    Map.entry("kafka.properties", "[ssl.endpoint.identification.algorithm=https]"),
                    Map.entry("backfill.from", "2026-11-01"),
                    Map.entry("backfill.to", "2026-11-02"),
                    Map.entry("stream.until", "latest"),
                    Map.entry("compaction.on-publish", "128MB"),
                    Map.entry("quality.max-quarantine-rate", "0.05"),
                    Map.entry("quality.expectations-dir", "expectations"),
                    Map.entry("checkpoint.min-pause", "PT2.5S"),
                    Map.entry("checkpoint.dir", "file:///shared/checkpoints"),
                    Map.entry("lineage.http-url", "http://localhost:5000/api/v1/lineage"),
                    Map.entry("privacy.key-store", ".lakestream/keys.db"));

    private ConfigReference() {}

    /** Writes both files under the repository root {@code args[0]} (default: the working dir). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(root.resolve(DOCS), markdown());
        Files.writeString(root.resolve(EXAMPLE), exampleYaml());
    }

    /** The whole of docs/configuration.md. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("<!-- Generated from io.lakestream.job.config.Settings; do not edit. After")
                .append(" changing a setting, run\n")
                .append("     mvn -B -o -pl job -am test -Dtest=ConfigReferenceTest")
                .append(
                        " -Dsurefire.failIfNoSpecifiedTests=false -Dlakestream.regenerate=true -->\n\n")
                .append(
                        "`run`, `submit`, `repair`, `k8s render` and the job jar's `run` (`flink run ... ")
                .append("lakestream-job.jar run`) take\n")
                .append(
                        "`--config FILE`, a YAML file of the settings below. A setting in the file ")
                .append("becomes the default of its\n")
                .append(
                        "flag; a flag given on the command line wins; a setting that is in neither ")
                .append("keeps the default in the\n")
                .append("table. A command uses the settings whose flag it has and ignores the ")
                .append("others (the job jar has no\n")
                .append(
                        "`--parallelism`: Flink's `-p` sets it), so one file can serve all five. The file is read")
                .append(" where the command\n")
                .append(
                        "runs: for the job jar in application mode (Kubernetes), on the JobManager, e.g. from a")
                .append(" mounted ConfigMap;\n")
                .append(
                        "or use `k8s render`, which writes the resolved settings into the manifest's")
                .append(" job arguments.\n\n")
                .append("```bash\n")
                .append("bin/lakestream run --config lakestream.yaml --mode backfill ")
                .append("--from 2026-11-01 --to 2026-11-02\n")
                .append("bin/lakestream run --config lakestream.yaml --help   ")
                .append("# the defaults shown are the file's\n")
                .append("```\n\n")
                .append("Keys nest (`kafka:` then `max-delay: PT10M` indented) or are written ")
                .append("dotted (`kafka.max-delay: PT10M`).\n")
                .append("[`lakestream.example.yaml`](../lakestream.example.yaml) has every ")
                .append("setting with its default.\n\n")
                .append("Types: a *duration* is ISO-8601 (`PT10M`, `P2D`) or a number and a unit ")
                .append("(`10 min`, `10s`, `500 ms`,\n")
                .append("`2 d`); a *list* is a YAML list or comma-separated names; a *size* is ")
                .append("`128MB`, `512KB`, `1GB`\n")
                .append("(binary units); a *date* is `YYYY-MM-DD`.\n\n")
                .append("A file that does not exist, is not YAML, has a key that is not below or ")
                .append("a value of the wrong type\n")
                .append("is refused before anything runs, with one line naming the file, the key ")
                .append("and what is expected, and\n")
                .append(
                        "exit code 2, e.g. `lakestream: lakestream.yaml: kafka.max-delay: expected ")
                .append("a duration (...), was\n")
                .append(
                        "'ten minutes'`. Values of secret settings (the passwords) are never printed")
                .append(" (in errors, `--help` or\n")
                .append("here), and their flags are refused on the command line.\n\n")
                .append("The rules of `quality.expectations-dir` are files of their own, one ")
                .append("per table (README,\n")
                .append("\"Data quality expectations\"). The key store gets its settings later, ")
                .append("with the feature.\n\n")
                .append("| key | flag | type | default | description |\n")
                .append("|---|---|---|---|---|\n");
        for (Setting s : Settings.ALL) {
            md.append("| `")
                    .append(s.key())
                    .append("` | `")
                    .append(s.flag())
                    .append("` | ")
                    .append(s.type().label())
                    .append(" | ")
                    .append(defaultCell(s))
                    .append(" | ")
                    .append(s.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String defaultCell(Setting s) {
        if (s.secret()) {
            return "(secret)";
        }
        return s.defaultValue() == null ? "—" : "`" + s.defaultValue() + "`";
    }

    /** {@code text} as comment lines of at most 100 characters; continuations indented. */
    private static void comment(StringBuilder y, String indent, String text) {
        StringBuilder line = new StringBuilder(indent).append("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > 100) {
                y.append(line).append('\n');
                line = new StringBuilder(indent).append("#  ");
            }
            line.append(' ').append(word);
        }
        y.append(line).append('\n');
    }

    private static boolean isSet(Setting s) {
        return s.defaultValue() != null && !s.secret();
    }

    /** The whole of lakestream.example.yaml: defaults set, settings without one commented. */
    public static String exampleYaml() {
        Map<String, List<Setting>> groups = new LinkedHashMap<>();
        for (Setting s : Settings.ALL) {
            int dot = s.key().indexOf('.');
            String group = dot < 0 ? "" : s.key().substring(0, dot);
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(s);
        }
        StringBuilder y = new StringBuilder();
        y.append(
                        "# lakestream.yaml: use with --config FILE (run, submit, repair, k8s render, the job jar's")
                .append(" run).\n")
                .append("# Every setting with its default; those without a default are commented")
                .append(" out, with an example.\n")
                .append("# A flag given on the command line wins over the file. Reference:")
                .append(" docs/configuration.md\n")
                .append(
                        "# (generated, as this file is, from io.lakestream.job.config.Settings).\n");
        for (Map.Entry<String, List<Setting>> group : groups.entrySet()) {
            y.append('\n');
            String indent = group.getKey().isEmpty() ? "" : "  ";
            if (!group.getKey().isEmpty()) {
                // a group with nothing set would be a key without a value: comment it too
                boolean anySet = group.getValue().stream().anyMatch(ConfigReference::isSet);
                y.append(anySet ? "" : "# ").append(group.getKey()).append(":\n");
            }
            for (Setting s : group.getValue()) {
                String name =
                        group.getKey().isEmpty()
                                ? s.key()
                                : s.key().substring(group.getKey().length() + 1);
                comment(y, indent, s.flag() + ", " + s.type().label() + ": " + s.description());
                if (isSet(s)) {
                    y.append(indent)
                            .append(name)
                            .append(": ")
                            .append(s.defaultValue())
                            .append('\n');
                } else {
                    String example = EXAMPLES.get(s.key());
                    if (example == null) {
                        throw new IllegalStateException("no example value for " + s.key());
                    }
                    y.append(indent)
                            .append("# ")
                            .append(name)
                            .append(": ")
                            .append(example)
                            .append('\n');
                }
            }
        }
        return y.toString();
    }
}

package io.lakestream.deploy.cli;

import io.lakestream.deploy.k8s.ManifestTemplate;
import io.lakestream.job.JobMain;
import io.lakestream.job.JobOptions;
import io.lakestream.job.config.ConfigDefaults;
import io.lakestream.job.config.ConfigOption;
import io.lakestream.job.config.Setting;
import io.lakestream.job.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakestream k8s render}: Flink Kubernetes Operator manifests from a lakestream.yaml. */
@Command(
        name = "k8s",
        description = "Kubernetes: render Flink Kubernetes Operator manifests.",
        subcommands = {K8sCommand.Render.class})
final class K8sCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a sub-command is required (render)");
    }

    /**
     * Renders a FlinkDeployment in application mode (stream or backfill) or a FlinkSessionJob from
     * the templates the manifests under {@code k8s/} are rendered from. The job's arguments are
     * {@code run} and every option of the job jar's {@code run} that has a value, resolved as
     * {@code lakestream run} resolves them (a flag wins over the {@code --config} file, the file
     * over the default), so the manifest does not depend on a config file in the image.
     */
    @Command(
            name = "render",
            mixinStandardHelpOptions = true,
            description = {
                "Prints a Flink Kubernetes Operator manifest (YAML) that runs the pipelines as"
                        + " `lakestream run` would with the same options: a FlinkDeployment in"
                        + " application mode for --mode stream or backfill, or with --session-job"
                        + " a FlinkSessionJob on a session cluster. Takes the options of `run`"
                        + " (and --config); credentials only as Kubernetes Secret references."
            },
            defaultValueProvider = ConfigDefaults.class,
            sortOptions = false)
    static final class Render implements Callable<Integer> {

        static final String IMAGE = "lakestream/job:0.1.0";
        static final String LOCAL_JAR = "local:///opt/flink/usrlib/lakestream-job.jar";
        static final String SESSION_JAR =
                "https://artifacts.example.com/lakestream/lakestream-job-0.1.0.jar";

        /** A DNS label (RFC 1123): what Kubernetes accepts as a namespace or a Flink cluster. */
        static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

        /** Options of the job jar's {@code run} that are not the job's options. */
        private static final Set<String> NOT_JOB_OPTIONS =
                Set.of("--config", "--help", "--version");

        @Spec CommandSpec spec;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description =
                        "The resource's name, a DNS label (default: lakestream-stream,"
                                + " lakestream-backfill).")
        String name;

        @Option(
                names = "--namespace",
                paramLabel = "NS",
                description = "Sets metadata.namespace (default: none, as kubectl -n decides).")
        String namespace;

        @Option(
                names = "--image",
                paramLabel = "IMAGE",
                defaultValue = IMAGE,
                description = "The job image (k8s/Dockerfile; default: ${DEFAULT-VALUE}).")
        String image;

        @Option(
                names = "--flink-dir",
                paramLabel = "URI",
                defaultValue = "s3://lakestream/flink",
                description =
                        "Where Flink keeps checkpoints, savepoints and HA metadata: <URI>/<name>/..."
                                + " (default: ${DEFAULT-VALUE}).")
        String flinkDir;

        @Option(
                names = "--parallelism",
                description = "spec.job.parallelism (default: run.parallelism of the config, 2).")
        Integer parallelism;

        @Option(
                names = "--session-job",
                description =
                        "Render a FlinkSessionJob for a session cluster instead of a"
                                + " FlinkDeployment.")
        boolean sessionJob;

        @Option(
                names = "--session-cluster",
                paramLabel = "NAME",
                defaultValue = "lakestream-session",
                description =
                        "The session cluster (FlinkDeployment) of --session-job (default:"
                                + " ${DEFAULT-VALUE}).")
        String sessionCluster;

        @Option(
                names = "--jar-uri",
                paramLabel = "URI",
                description =
                        "spec.job.jarURI (default: "
                                + LOCAL_JAR
                                + " in the image; with --session-job a placeholder https URI,"
                                + " since the operator downloads a session job's jar).")
        String jarUri;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                description = "Write <DIR>/<name>.yaml instead of printing the manifest.")
        Path out;

        @Mixin ConfigOption config;

        @Mixin JobOptions job;

        @Override
        public Integer call() throws IOException {
            String mode = job.mode.toLowerCase(Locale.ROOT);
            if (!mode.equals("stream") && !mode.equals("backfill")) {
                throw new UserError("--mode must be stream or backfill, was '" + job.mode + "'");
            }
            boolean backfill = mode.equals("backfill");
            if (backfill && (job.from == null || job.to == null)) {
                throw new UserError(
                        "a backfill needs its dates: --from and --to (or backfill.from and"
                                + " backfill.to in the config)");
            }
            try {
                job.spec(); // the job's own checks: pipelines, dates, --until, checkpoints
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            if (!job.lake.isAbsolute()) {
                throw new UserError(
                        "--lake must be an absolute path in the pods (e.g. /lake), was "
                                + job.lake
                                + ": the shared volume is mounted there");
            }
            String resource =
                    name != null ? name : backfill ? "lakestream-backfill" : "lakestream-stream";
            requireDnsLabel("--name", resource);
            if (namespace != null) {
                requireDnsLabel("--namespace", namespace);
            }
            if (sessionJob) {
                requireDnsLabel("--session-cluster", sessionCluster);
            }
            requirePlain("--image", image);
            requirePlain("--flink-dir", flinkDir);
            if (jarUri != null) {
                requirePlain("--jar-uri", jarUri);
            }
            int p = parallelism != null ? parallelism : 2; // run.parallelism's default
            if (p < 1) {
                throw new UserError("--parallelism must be at least 1, was " + p);
            }

            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", resource);
            // the lake's shared volume is mounted at the lake's own path (k8s/base/lake)
            values.put("lake-mount", job.lake.normalize().toString());
            values.put("image", image);
            values.put("flink-dir", stripSlash(flinkDir) + "/" + resource);
            values.put("jar-uri", jarUri != null ? jarUri : sessionJob ? SESSION_JAR : LOCAL_JAR);
            values.put("parallelism", Integer.toString(p));
            values.put("session-cluster", sessionCluster);
            values.put("upgrade-mode", backfill ? "stateless" : "savepoint");
            values.put("checkpoint-interval", flinkDuration(job.checkpointInterval));
            values.put("checkpoint-timeout", flinkDuration(job.checkpointTimeout));
            values.put("checkpoint-min-pause", flinkDuration(job.checkpoints().minPause()));

            Map<String, List<String>> blocks = new LinkedHashMap<>();
            blocks.put(
                    "namespace",
                    namespace == null ? List.of() : List.of("namespace: " + namespace));
            List<String> secretEnv = new ArrayList<>();
            blocks.put("args", args(secretEnv));
            blocks.put("secret-settings", secretEnv);
            blocks.put(
                    "job-configuration",
                    backfill
                            ? List.of(
                                    "execution.runtime-mode: BATCH", "execution.attached: \"true\"")
                            : List.of(
                                    "execution.checkpointing.interval: "
                                            + values.get("checkpoint-interval"),
                                    "execution.checkpointing.mode: EXACTLY_ONCE"));
            if (sessionJob && !secretEnv.isEmpty()) {
                throw new UserError(
                        "a session job cannot take secret settings: it has no pod template;"
                                + " render a FlinkDeployment instead");
            }

            String yaml;
            try {
                yaml =
                        ManifestTemplate.render(
                                sessionJob ? "session-job" : backfill ? "backfill" : "stream",
                                values,
                                blocks);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            PrintWriter stdout = spec.commandLine().getOut();
            if (out == null) {
                stdout.print(yaml);
            } else {
                Files.createDirectories(out);
                Path file = out.resolve(resource + ".yaml");
                Files.writeString(file, yaml);
                stdout.println("Wrote " + file);
            }
            stdout.flush();
            return 0;
        }

        /**
         * {@code run} and every option of the job jar's {@code run} that has a value here, in the
         * order the job jar declares them. A secret setting's value never goes into the manifest:
         * it becomes an environment variable from the Secret {@code lakestream-secrets}.
         */
        private List<String> args(List<String> secretEnv) {
            CommandSpec jobRun =
                    new CommandLine(new JobMain()).getSubcommands().get("run").getCommandSpec();
            List<String> args = new ArrayList<>();
            args.add(ManifestTemplate.scalar("run"));
            for (OptionSpec jobOption : jobRun.options()) {
                String flag = jobOption.longestName();
                if (NOT_JOB_OPTIONS.contains(flag)) {
                    continue;
                }
                OptionSpec option = spec.findOption(flag);
                if (option == null) {
                    throw new IllegalStateException("render lacks the job option " + flag);
                }
                Optional<String> value = value(option);
                if (value.isEmpty()) {
                    continue;
                }
                Optional<Setting> setting = Settings.byFlag(flag);
                if (setting.isPresent() && setting.get().secret()) {
                    secretEnv.addAll(secretEnv(setting.get()));
                    continue;
                }
                args.add(ManifestTemplate.scalar(flag));
                args.add(ManifestTemplate.scalar(value.get()));
            }
            return args.stream().map(a -> "- " + a).toList();
        }

        /** The option's value as the job jar's flag takes it; empty when it has none. */
        private Optional<String> value(OptionSpec option) {
            Object v = option.getValue();
            if (v == null) {
                return Optional.empty();
            }
            if (v instanceof Path) {
                return Optional.of(rawValue(option)); // Path would turn s3:// into s3:/
            }
            if (v instanceof String[] items) {
                return Optional.of(String.join(",", items));
            }
            return Optional.of(v.toString()); // Duration, LocalDate, numbers: as the job parses
        }

        /** The text an option was given: on the command line, in the config file, or default. */
        private String rawValue(OptionSpec option) {
            List<String> given = option.originalStringValues();
            if (!given.isEmpty()) {
                return given.get(given.size() - 1);
            }
            if (config.file() != null) {
                Optional<String> fromFile = config.file().valueFor(option.longestName());
                if (fromFile.isPresent()) {
                    return fromFile.get();
                }
            }
            return option.defaultValue();
        }

        static List<String> secretEnv(Setting setting) {
            String variable =
                    "LAKESTREAM_"
                            + setting.key().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            return List.of(
                    "- name: " + variable,
                    "  valueFrom:",
                    "    secretKeyRef:",
                    "      name: lakestream-secrets",
                    "      key: " + setting.key());
        }

        private static void requireDnsLabel(String option, String value) {
            if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
                throw new UserError(
                        option
                                + " must be a Kubernetes name (RFC 1123 label: at most 63 lower-case"
                                + " letters, digits and '-', starting and ending with a letter or"
                                + " digit), was '"
                                + value
                                + "'");
            }
        }

        private static void requirePlain(String option, String value) {
            if (!ManifestTemplate.isInline(value)) {
                throw new UserError(
                        option
                                + " must be letters, digits and . / : @ + = - (no spaces, quotes or"
                                + " #), was '"
                                + value
                                + "'");
            }
        }

        private static String stripSlash(String uri) {
            return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        }

        /** A duration as Flink's configuration writes it: 10s, 10min, 2500ms. */
        static String flinkDuration(Duration d) {
            long ms = d.toMillis();
            if (ms % 60_000 == 0 && ms > 0) {
                return ms / 60_000 + "min";
            }
            if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            return ms + "ms";
        }
    }
}

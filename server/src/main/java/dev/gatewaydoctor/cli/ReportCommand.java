package dev.gatewaydoctor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.outcomes.AdminView;
import dev.gatewaydoctor.outcomes.Gaps;
import dev.gatewaydoctor.outcomes.Outcomes;
import dev.gatewaydoctor.outcomes.Report;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"What the outcome record says: resolution per entry and leaf, where flows are abandoned, content gaps.",
                "Reads the store named by GATEWAY_DOCTOR_DB / GATEWAY_DOCTOR_DATA, as the server does."})
public final class ReportCommand implements Callable<Integer> {

    enum Format { table, json, html }

    @ParentCommand
    private Cli cli;

    @Mixin
    private KbOptions kb;

    @Option(names = "--since", paramLabel = "PERIOD", defaultValue = "30d",
            description = "conversations started in this period back from now: 30d, 12h, 90m (default: ${DEFAULT-VALUE})")
    private String since;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or html (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--export-gaps", description = "write the gaps' inputs as dev-set lines (JSONL for kb/eval) instead of the report")
    private boolean exportGaps;

    @Option(names = "--entry", paramLabel = "ID",
            description = "with --export-gaps: the entry the inputs belong to (the label), or 'none' for out-of-scope inputs")
    private String entry;

    @Option(names = "--gap", paramLabel = "GAP", description = "with --export-gaps: also export this gap's inputs (repeatable; ids from the report)")
    private List<String> gapIds = List.of();

    @Override
    public Integer call() throws Exception {
        Console console = cli.console();
        Duration period;
        try {
            period = Outcomes.period(since);
        } catch (IllegalArgumentException e) {
            console.err().println("error: --since: " + e.getMessage());
            return 2;
        }
        if (exportGaps && entry == null) {
            console.err().println("error: --export-gaps needs --entry ID (or --entry none)");
            return 2;
        }
        Optional<Kb> loaded = kb.load(console.err());
        if (loaded.isEmpty()) {
            return 1;
        }
        if (exportGaps && !entry.equals("none") && loaded.get().entry(entry).isEmpty()) {
            console.err().println("error: no entry '" + entry + "' in the knowledge base");
            return 1;
        }
        Settings settings = new Settings(Settings.DEFAULT_PORT, kb.folders(), System.getenv());
        try (Outcomes outcomes = Outcomes.from(settings, loaded::get, Clock.systemUTC())) {
            if (!outcomes.on()) {
                console.err().println("error: the outcome record is off (GATEWAY_DOCTOR_DB=off): nothing to report");
                return 1;
            }
            if (exportGaps) {
                List<String> lines = outcomes.export(period, entry, new LinkedHashSet<>(gapIds));
                lines.forEach(console.out()::println);
                console.err().println(lines.size() + " dev-set lines for " + entry + "; review them, then add them to a file in kb/eval/");
                return 0;
            }
            Report report = outcomes.report(period);
            List<Gaps.Gap> gaps = outcomes.gaps(period);
            switch (format) {
                case json -> {
                    Map<String, Object> both = new LinkedHashMap<>();
                    both.put("report", report);
                    both.put("gaps", AdminView.gaps(gaps));
                    console.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(both));
                }
                case html -> console.out().print(AdminView.html(report, gaps));
                default -> console.out().print(AdminView.table(report, gaps));
            }
            return 0;
        } catch (IllegalStateException | IllegalArgumentException e) {
            console.err().println("error: " + e.getMessage());
            return 1;
        }
    }
}

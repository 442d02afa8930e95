package dev.millrace.compare;

import java.util.ArrayList;
import java.util.List;

/** The report as Markdown, for READMEs, issues and pull requests: tables with the brokers as columns. */
final class MarkdownReport implements Report {

    @Override
    public String render(ComparisonResult result) {
        StringBuilder out = new StringBuilder();
        Workload workload = result.workload();
        out.append("# Broker comparison: ").append(workload.name()).append("\n\n");
        if (!workload.description().isBlank()) {
            out.append(workload.description()).append("\n\n");
        }
        out.append(ReportText.environment(result)).append("\n\n");
        if (result.command() != null) {
            out.append("```\n").append(result.command()).append("\n```\n\n");
        }
        out.append("## Workload\n\n");
        table(out, List.of("Setting", "Value"),
                ReportText.workloadRows(workload).stream().map(row -> List.of(row.getKey(), row.getValue())).toList(),
                2);
        out.append("\n## Results\n\n");
        ResultTable results = ResultTable.of(result);
        table(out, header("", results.brokers()),
                results.rows().stream().map(row -> prepend(row.metric(), row.cells())).toList(), 1);
        out.append("\n").append(ReportText.method(workload)).append("\n");
        brokerNotes(out, result);
        out.append("\n## Features\n\n");
        FeatureTable features = FeatureTable.of(result.brokers());
        table(out, header("", features.brokers()),
                features.rows().stream().map(row -> prepend(row.aspect(), row.cells())).toList(),
                features.brokers().size() + 1);
        out.append("\nFrom the features each broker's connection declares (the same flags the conformance suite "
                + "runs by), not written by hand.\n");
        references(out, result);
        return out.toString();
    }

    private static void brokerNotes(StringBuilder out, ComparisonResult result) {
        List<String> lines = new ArrayList<>();
        for (BrokerResult broker : result.brokers()) {
            String options = ReportText.options(broker);
            lines.add("- **" + broker.label() + "** (" + broker.displayName() + ")"
                    + (options.isEmpty() ? "" : ": `" + options + "`"));
            ReportText.notes(broker).forEach(note -> lines.add("  - " + note));
        }
        out.append("\n### Brokers and notes\n\n").append(String.join("\n", lines)).append("\n");
    }

    private static void references(StringBuilder out, ComparisonResult result) {
        if (result.references().isEmpty()) {
            return;
        }
        out.append("\n## Honesty check: the brokers' own tools\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (ReferenceResult reference : result.references()) {
            Double millracePublish = ReportText.millrace(result, reference).map(Metrics::publishRate).orElse(null);
            Double millraceConsume = ReportText.millrace(result, reference).map(Metrics::consumeRate).orElse(null);
            rows.add(List.of(reference.label(), reference.tool(), rate(reference.publishRate()), rate(millracePublish),
                    Formats.ratio(millracePublish, reference.publishRate()), rate(reference.consumeRate()),
                    rate(millraceConsume), Formats.ratio(millraceConsume, reference.consumeRate())));
        }
        table(out, List.of("Broker", "Tool", "Tool publish msg/s", "Millrace publish msg/s", "Ratio",
                "Tool consume msg/s", "Millrace consume msg/s", "Ratio"), rows, 2);
        out.append("\n").append(ReportText.referenceMethod(result.workload())).append("\n\n");
        for (ReferenceResult reference : result.references()) {
            out.append("- **").append(reference.label()).append("**, ").append(reference.tool()).append(": ")
                    .append(reference.problem() != null ? "did not run: " + reference.problem() : reference.method())
                    .append("\n");
            if (reference.command() != null) {
                out.append("  `").append(reference.command()).append("`\n");
            }
        }
    }

    private static String rate(Double value) {
        return value == null ? Formats.NONE : Formats.rate(value);
    }

    private static List<String> header(String first, List<String> brokers) {
        return prepend(first, brokers.stream().map(label -> "**" + label + "**").toList());
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> row = new ArrayList<>();
        row.add(first);
        row.addAll(rest);
        return row;
    }

    /** A table whose first {@code textColumns} columns are left-aligned and the others right-aligned. */
    private static void table(StringBuilder out, List<String> header, List<List<String>> rows, int textColumns) {
        line(out, header);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(i < textColumns ? "---" : "---:");
        }
        line(out, rule);
        rows.forEach(row -> line(out, row));
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|").replace('\n', ' ')).append(" |");
        }
        out.append('\n');
    }
}

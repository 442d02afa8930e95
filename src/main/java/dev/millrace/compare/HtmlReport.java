package dev.millrace.compare;

import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline style and inline SVG charts, no script and nothing fetched,
 * so that it can be mailed, attached to an issue or opened offline.
 */
final class HtmlReport implements Report {
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222;
                   padding: 0 1em; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: 4px 10px; vertical-align: top; }
            th { background: #f4f4f4; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.measured { color: #2e7d32; } td.unreachable, td.failed { color: #c62828; }
            td.cancelled { color: #8d6e63; }
            pre { background: #f6f8fa; padding: .8em; overflow-x: auto; }
            .muted { color: #666; } figure { margin: 1.5em 0; }
            """;

    @Override
    public String render(ComparisonResult result) {
        Workload workload = result.workload();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Broker comparison: ")
                .append(escape(workload.name())).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>Broker comparison: ").append(escape(workload.name())).append("</h1>\n");
        if (!workload.description().isBlank()) {
            out.append("<p>").append(escape(workload.description())).append("</p>\n");
        }
        out.append("<p class=\"muted\">").append(escape(ReportText.environment(result))).append("</p>\n");
        if (result.command() != null) {
            out.append("<pre>").append(escape(result.command())).append("</pre>\n");
        }
        out.append("<h2>Workload</h2>\n<table>\n");
        for (Map.Entry<String, String> row : ReportText.workloadRows(workload)) {
            out.append("<tr><th>").append(escape(row.getKey())).append("</th><td>").append(escape(row.getValue()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<h2>Results</h2>\n");
        ResultTable results = ResultTable.of(result);
        out.append("<table>\n").append(headerRow(results.brokers()));
        for (ResultTable.Row row : results.rows()) {
            boolean status = row.metric().equals("Status");
            out.append("<tr><th>").append(escape(row.metric())).append("</th>");
            for (String cell : row.cells()) {
                out.append("<td class=\"").append(status ? escape(cell) : "num").append("\">").append(escape(cell))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n<p class=\"muted\">").append(escape(ReportText.method(workload))).append("</p>\n");
        out.append("<figure>").append(SvgCharts.throughput(result.brokers())).append("</figure>\n");
        out.append("<figure>").append(SvgCharts.latency(result.brokers())).append("</figure>\n");
        notes(out, result.brokers());
        features(out, FeatureTable.of(result.brokers()));
        references(out, result);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void notes(StringBuilder out, List<BrokerResult> brokers) {
        out.append("<h3>Brokers and notes</h3>\n<ul>\n");
        for (BrokerResult broker : brokers) {
            String options = ReportText.options(broker);
            out.append("<li><b>").append(escape(broker.label())).append("</b> (").append(escape(broker.displayName()))
                    .append(")");
            if (!options.isEmpty()) {
                out.append(": <code>").append(escape(options)).append("</code>");
            }
            List<String> notes = ReportText.notes(broker);
            if (!notes.isEmpty()) {
                out.append("<ul>");
                notes.forEach(note -> out.append("<li>").append(escape(note)).append("</li>"));
                out.append("</ul>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static void features(StringBuilder out, FeatureTable table) {
        out.append("<h2>Features</h2>\n<table>\n").append(headerRow(table.brokers()));
        for (FeatureTable.Row row : table.rows()) {
            out.append("<tr><th>").append(escape(row.aspect())).append("</th>");
            row.cells().forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</table>\n<p class=\"muted\">From the features each broker's connection declares (the same flags "
                + "the conformance suite runs by), not written by hand.</p>\n");
    }

    private static void references(StringBuilder out, ComparisonResult result) {
        if (result.references().isEmpty()) {
            return;
        }
        out.append("<h2>Honesty check: the brokers' own tools</h2>\n<table>\n<tr><th>Broker</th><th>Tool</th>")
                .append("<th>Tool publish msg/s</th><th>Millrace publish msg/s</th><th>Ratio</th>")
                .append("<th>Tool consume msg/s</th><th>Millrace consume msg/s</th><th>Ratio</th></tr>\n");
        for (ReferenceResult reference : result.references()) {
            Double publish = ReportText.millrace(result, reference).map(Metrics::publishRate).orElse(null);
            Double consume = ReportText.millrace(result, reference).map(Metrics::consumeRate).orElse(null);
            out.append("<tr><th>").append(escape(reference.label())).append("</th><td>")
                    .append(escape(reference.tool())).append("</td>");
            for (String cell : List.of(rate(reference.publishRate()), rate(publish),
                    Formats.ratio(publish, reference.publishRate()), rate(reference.consumeRate()), rate(consume),
                    Formats.ratio(consume, reference.consumeRate()))) {
                out.append("<td class=\"num\">").append(escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n<p class=\"muted\">").append(escape(ReportText.referenceMethod(result.workload())))
                .append("</p>\n<ul>\n");
        for (ReferenceResult reference : result.references()) {
            out.append("<li><b>").append(escape(reference.label())).append("</b>, ").append(escape(reference.tool()))
                    .append(": ").append(escape(reference.problem() != null ? "did not run: " + reference.problem()
                            : reference.method()));
            if (reference.command() != null) {
                out.append("<br><code>").append(escape(reference.command())).append("</code>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static String headerRow(List<String> brokers) {
        StringBuilder row = new StringBuilder("<tr><th></th>");
        brokers.forEach(label -> row.append("<th>").append(escape(label)).append("</th>"));
        return row.append("</tr>\n").toString();
    }

    private static String rate(Double value) {
        return value == null ? Formats.NONE : Formats.rate(value);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

package dev.millrace.compare;

/** A comparison rendered as a document of one format; see {@link ReportFormat}. */
sealed interface Report permits MarkdownReport, HtmlReport, CsvReport {

    String render(ComparisonResult result);
}

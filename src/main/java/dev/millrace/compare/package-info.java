/**
 * Broker comparison demos: the same workload on several brokers, one after the other, side by side.
 *
 * <p>What there is, for the {@code compare} command and the workbench's compare view:
 * <ul>
 *   <li>{@link dev.millrace.compare.Workload} — what runs: message size, count or duration, target rate,
 *       producers, messages per publish call, consumers, topics, partitions, durability, ack mode, warm-up,
 *       topology, and whether consumers start after publishing. Read from small JSON files by
 *       {@link dev.millrace.compare.Workloads}, which also knows the built-in ones ({@code max-throughput},
 *       {@code batched-throughput}, {@code fixed-rate-latency}, {@code demo-router-hop}).</li>
 *   <li>{@link dev.millrace.compare.BrokerTarget} — where it runs: an adapter id with its connection options under a
 *       label; {@link dev.millrace.compare.BrokerTargets} reads them from the command line and the environment.</li>
 *   <li>{@link dev.millrace.compare.ComparisonRunner#run} — runs it, blocking, reporting
 *       {@link dev.millrace.compare.CompareEvent}s and stopping on a {@link dev.millrace.compare.CancelFlag}; see
 *       its documentation for use from a UI thread.</li>
 *   <li>{@link dev.millrace.compare.ComparisonResult} — one {@link dev.millrace.compare.BrokerResult} per broker,
 *       with a {@link dev.millrace.compare.RunOutcome} (measured with {@link dev.millrace.compare.Metrics},
 *       unreachable, failed or cancelled) and the broker's {@link dev.millrace.compare.BrokerFeatures}.</li>
 *   <li>{@link dev.millrace.compare.ResultTable} and {@link dev.millrace.compare.FeatureTable} — the numbers and the
 *       features as rows × brokers, formatted, for a table view; {@link dev.millrace.compare.ReportFormat} renders
 *       Markdown, HTML (with SVG charts) or CSV.</li>
 *   <li>{@link dev.millrace.compare.ComparisonStore} — past comparisons in the data directory's H2 database, beside
 *       the recorded sessions: list, reopen, delete.</li>
 *   <li>{@link dev.millrace.compare.HonestyCheck} — the brokers' own benchmark tools, run afterwards for ratios.</li>
 * </ul>
 *
 * <p>Brokers are reached through {@link dev.millrace.broker.Brokers} only; what differs between them is read from
 * their {@link dev.millrace.broker.Feature}s, never from their ids (the honesty check's tools, which belong to one
 * broker each, are the one place that matches ids).
 */
package dev.millrace.compare;

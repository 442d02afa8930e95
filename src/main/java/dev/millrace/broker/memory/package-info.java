/**
 * The in-memory broker, adapter id {@code memory}: the app's embedded default and the broker the core's tests run on.
 *
 * <p>Design. A named {@link dev.millrace.broker.memory.MemoryBroker instance} holds topics; connections naming the
 * same instance share it, and it is discarded when its last connection closes. Each {@link
 * dev.millrace.broker.memory.Topic topic} is a log of messages by sequence number, guarded by one lock, plus the
 * {@link dev.millrace.broker.memory.ConsumerGroup consumer groups} reading it. A group keeps its read position, the
 * message each member subscription holds unsettled, and a sorted queue of nacked or abandoned messages that are
 * delivered again ahead of newer ones. Subscriptions naming one group compete for its messages; a subscription
 * without a group gets a group of its own.
 *
 * <p>Everything runs on the caller's thread: publishing a batch takes the topic lock once, {@code receive} takes a
 * message under it or waits on its group's condition, and {@code ack}/{@code nack} settle under it. A publish wakes
 * only as many waiting readers as it brought messages; nothing polls and no task is scheduled per message.
 *
 * <p>With {@code persistent=true} (the default) the log keeps every message, so a new group can replay history. With
 * {@code persistent=false} it keeps only what some group still needs: a message is dropped once every group has
 * acked it, and a message published while the topic has no group is not kept at all, as in Watermill's GoChannel.
 */
package dev.millrace.broker.memory;

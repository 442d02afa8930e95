package dev.millrace.record;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work that may throw {@link SQLException}, run by the store on one of its pooled connections. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}

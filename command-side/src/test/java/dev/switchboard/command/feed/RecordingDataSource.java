package dev.switchboard.command.feed;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * Wraps a data source: records the SQL of every statement its connections prepare, and can make their commits fail
 * the way they do when the database goes away, before the commit or after it (the answer lost on the way back).
 */
final class RecordingDataSource {

    enum Commits {
        WORK,
        FAIL,
        FAIL_AFTER_COMMITTING
    }

    private final DataSource target;
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private volatile Commits commits = Commits.WORK;

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    /** The wrapped data source, to hand to the writer. */
    DataSource dataSource() {
        return proxy(DataSource.class, (method, arguments) -> {
            Object result = call(target, method, arguments);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    void clear() {
        statements.clear();
    }

    void commits(Commits commits) {
        this.commits = commits;
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, (method, arguments) -> {
            if (method.getName().equals("prepareStatement")) {
                statements.add((String) arguments[0]);
            }
            if (!method.getName().equals("commit") || commits == Commits.WORK) {
                return call(connection, method, arguments);
            }
            if (commits == Commits.FAIL_AFTER_COMMITTING) {
                call(connection, method, arguments);
            }
            throw new SQLTransientConnectionException("the database went away (a test's doing)", "08006");
        });
    }

    private interface Call {
        Object on(Method method, Object[] arguments) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, arguments) -> call.on(method, arguments)));
    }

    private static Object call(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package dev.switchboard.command.connection;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A command record's fields as strings, in declaration order, for the rejection record in the log. */
final class CommandArguments {

    private CommandArguments() {}

    static Map<String, String> of(Record command) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (RecordComponent component : command.getClass().getRecordComponents()) {
            arguments.put(component.getName(), String.valueOf(read(component, command)));
        }
        return arguments;
    }

    private static Object read(RecordComponent component, Record command) {
        try {
            return component.getAccessor().invoke(command);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + command, e);
        }
    }
}

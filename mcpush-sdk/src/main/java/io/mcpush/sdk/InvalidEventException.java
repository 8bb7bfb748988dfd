package io.mcpush.sdk;

import static java.util.Objects.requireNonNull;

/**
 * An event or payload does not have the shape the push API accepts. {@link #field()} is the
 * JSON path of the offending value (for example {@code fields[2].type}).
 */
public class InvalidEventException extends McpushException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;

    public InvalidEventException(String field, String problem) {
        super(requireNonNull(field, "field is null") + ": " + requireNonNull(problem, "problem is null"));
        this.field = field;
        this.problem = problem;
    }

    /** JSON path of the offending value. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without the path. */
    public String problem() {
        return problem;
    }

    /** The same problem, located one level deeper under {@code parent}. */
    public InvalidEventException under(String parent) {
        String path = field.startsWith("[") ? parent + field : parent + "." + field;
        return new InvalidEventException(path, problem);
    }
}

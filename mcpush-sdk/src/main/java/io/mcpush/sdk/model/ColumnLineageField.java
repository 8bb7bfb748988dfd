package io.mcpush.sdk.model;

import static java.util.Objects.requireNonNull;

import io.mcpush.sdk.json.PyJsonWriter;
import java.util.List;

/** A destination column and the source columns it is derived from. */
public record ColumnLineageField(String name, List<ColumnLineageSourceField> sourceFields) {
    public ColumnLineageField {
        requireNonNull(name, "name is null");
        sourceFields = List.copyOf(requireNonNull(sourceFields, "sourceFields is null"));
    }

    void writeWire(PyJsonWriter out) {
        out.raw("{").key("name").string(name).raw(", ").key("source_fields").raw("[");
        for (int i = 0; i < sourceFields.size(); i++) {
            if (i > 0) {
                out.raw(", ");
            }
            sourceFields.get(i).writeWire(out);
        }
        out.raw("]}");
    }
}

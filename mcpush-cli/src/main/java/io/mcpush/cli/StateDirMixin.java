package io.mcpush.cli;

import io.mcpush.source.WatermarkStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir} for commands that advance watermarks without collecting ({@code push}). */
final class StateDirMixin {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where watermarks are kept; a pushed manifest with a window advances its source's, "
                    + "one with log-file positions commits them "
                    + "(default: ~/.mcpush/state).")
    Path stateDir;

    Path resolve() {
        return stateDir != null ? stateDir : WatermarkStore.defaultDir();
    }
}

package io.mcpush.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the CLI in this JVM through {@link McpushCommand#createCommandLine}, capturing its output. */
final class Cli {
    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        int code = McpushCommand.createCommandLine(env, o, e).execute(args);
        o.flush();
        e.flush();
        return new Run(code, out.toString(), err.toString());
    }

    /** The environment of a push to {@code gateway} with its key. */
    static Map<String, String> env(TestGateway gateway) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCD_INGEST_ID", TestGateway.KEY_ID);
        env.put("MCD_INGEST_TOKEN", TestGateway.TOKEN);
        env.put("MCD_INGEST_ENDPOINT", gateway.emulator().baseUrl().toString());
        return env;
    }
}

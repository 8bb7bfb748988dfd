/**
 * A local, strict imitation of Monte Carlo's integration gateway for tests, demos and
 * benchmarks: start one with {@link io.mcpush.emulator.Emulator#start}, point
 * {@code MCD_INGEST_ENDPOINT} at {@link io.mcpush.emulator.Emulator#baseUrl()}, and inspect
 * {@link io.mcpush.emulator.Emulator#accepted()}. Failures are injected with
 * {@link io.mcpush.emulator.FaultPlan}.
 */
package io.mcpush.emulator;

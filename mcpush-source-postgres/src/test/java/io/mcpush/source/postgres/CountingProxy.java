package io.mcpush.source.postgres;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend protocol to count what a client
 * asks of the server: round trips (each Sync or simple Query waits for the server's
 * ReadyForQuery), statements (Bind or simple Query) and continued fetches (Execute on an open
 * portal, without a Bind). Needs {@code sslmode=disable&gssEncMode=disable}. For benchmarks.
 */
final class CountingProxy implements AutoCloseable {
    final AtomicLong roundTrips = new AtomicLong();
    final AtomicLong statements = new AtomicLong();
    final AtomicLong executes = new AtomicLong();
    private final ServerSocket listener;
    private final int targetPort;

    CountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "counting-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void reset() {
        roundTrips.set(0);
        statements.set(0);
        executes.set(0);
    }

    long fetches() {
        return executes.get() - statements.get() + simpleQueries;
    }

    private volatile long simpleQueries;

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                daemon(() -> clientToServer(client, server));
                daemon(() -> pipe(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "counting-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // a side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void clientToServer(Socket client, Socket server) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 1 << 16));
                OutputStream out = new BufferedOutputStream(server.getOutputStream(), 1 << 16)) {
            boolean startup = true;
            while (true) {
                int type = -1;
                if (!startup) {
                    type = in.read();
                    if (type < 0) {
                        return;
                    }
                    out.write(type);
                }
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
                out.write(body);
                if (startup) {
                    int code = body.length >= 4 ? ((body[0] & 0xff) << 24 | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8
                            | (body[3] & 0xff)) : 0;
                    startup = code == 80877103 || code == 80877104; // SSL/GSS request: the startup message follows
                } else {
                    switch (type) {
                        case 'S' -> roundTrips.incrementAndGet();
                        case 'Q' -> {
                            roundTrips.incrementAndGet();
                            statements.incrementAndGet();
                            simpleQueries++;
                        }
                        case 'B' -> statements.incrementAndGet();
                        case 'E' -> executes.incrementAndGet();
                        default -> {
                        }
                    }
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException ignored) {
            // a side closed
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}

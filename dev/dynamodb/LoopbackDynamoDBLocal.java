import java.lang.reflect.Field;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Amazon DynamoDB Local, bound to 127.0.0.1 only, on a port the system chooses.
 *
 * DynamoDB Local's own main listens on every interface of a port given in advance. This runs
 * the same server (built by ServerRunner from the usual options, e.g. -dbPath, -sharedDb,
 * -inMemory) but sets its one connector to the loopback address and port 0, then prints
 * "LISTENING <port>" on a line of its own once it accepts connections. It ends when its
 * standard input closes, so it never outlives the process that started it.
 */
public final class LoopbackDynamoDBLocal {
    public static void main(String[] args) throws Exception {
        String[] withPort = new String[args.length + 2];
        System.arraycopy(args, 0, withPort, 0, args.length);
        withPort[args.length] = "-port";
        withPort[args.length + 1] = "8000"; // replaced below by port 0: the system picks one
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(withPort);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        ServerConnector connector = null;
        for (Connector c : jetty.getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.setHost("127.0.0.1");
                sc.setPort(0);
                connector = sc;
            }
        }
        if (connector == null) {
            System.err.println("DynamoDB Local: no HTTP connector to bind");
            System.exit(2);
        }
        proxy.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        System.out.flush();
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing to read: the parent keeps the pipe open while it lives
                }
            } catch (Exception ignored) {
                // a broken pipe means the same: the parent is gone
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        proxy.join();
    }
}

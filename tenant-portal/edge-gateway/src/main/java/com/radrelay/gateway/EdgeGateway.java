package com.radrelay.gateway;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dcm4che3.net.ApplicationEntity;
import org.dcm4che3.net.Connection;
import org.dcm4che3.net.Device;
import org.dcm4che3.net.TransferCapability;
import org.dcm4che3.net.service.BasicCEchoSCP;
import org.dcm4che3.net.service.DicomServiceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clinic's edge gateway: {@code java -jar radrelay-edge-gateway.jar run radrelay-gateway.properties} receives
 * from local modalities and forwards to RadRelay; {@code ... status radrelay-gateway.properties} says what is
 * queued, sent and set aside.
 */
public final class EdgeGateway {

    private static final Logger log = LoggerFactory.getLogger(EdgeGateway.class);

    private EdgeGateway() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("run") || args[0].equals("status"))) {
            System.err.println("usage: java -jar radrelay-edge-gateway.jar run|status <radrelay-gateway.properties>");
            System.exit(2);
        }
        GatewaySettings settings = GatewaySettings.load(Path.of(args[1]));
        DurableQueue queue = new DurableQueue(settings.queue());
        if (args[0].equals("status")) {
            System.out.print(GatewayStatus.describe(settings.queue(), queue));
            return;
        }
        run(settings, queue);
    }

    private static void run(GatewaySettings settings, DurableQueue queue) throws Exception {
        Device device = new Device("radrelay-edge-gateway");
        ApplicationEntity ae = new ApplicationEntity(settings.aeTitle());
        Connection dicom = new Connection("dicom", settings.bindAddress(), settings.port());
        device.addConnection(dicom);
        ae.addConnection(dicom);
        ae.setAssociationAcceptor(true);
        // Any SOP class in any transfer syntax: the archive behind keeps what it is sent.
        ae.addTransferCapability(new TransferCapability(null, "*", TransferCapability.Role.SCP, "*"));
        device.addApplicationEntity(ae);
        DicomServiceRegistry services = new DicomServiceRegistry();
        services.addDicomService(new BasicCEchoSCP());
        services.addDicomService(new CStoreReceiver(queue));
        device.setDimseRQHandler(services);
        ExecutorService executor = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        device.setExecutor(executor);
        device.setScheduledExecutor(scheduler);

        GatewayStatus status = new GatewayStatus(settings.queue());
        StowForwarder forwarder = new StowForwarder(settings, queue, status);
        // Two batches in flight: while RadRelay makes one durable, the next is on its way.
        Thread forwarding = new Thread(forwarder, "forwarder-1");
        Thread second = new Thread(forwarder, "forwarder-2");
        device.bindConnections();
        forwarding.start();
        second.start();
        log.info("edge gateway {} listening on {}:{}, forwarding to {}; {} instances queued", settings.aeTitle(),
                settings.bindAddress(), settings.port(), settings.platform(), queue.waitingCount());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            forwarder.stop();
            device.unbindConnections();
            executor.shutdown();
            scheduler.shutdown();
        }));
        forwarding.join();
        second.join();
    }
}

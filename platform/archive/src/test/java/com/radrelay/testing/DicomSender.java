package com.radrelay.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.net.ApplicationEntity;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.Connection;
import org.dcm4che3.net.Device;
import org.dcm4che3.net.DimseRSP;
import org.dcm4che3.net.InputStreamDataWriter;
import org.dcm4che3.net.pdu.AAssociateRQ;
import org.dcm4che3.net.pdu.PresentationContext;

/**
 * A C-STORE SCU that proposes exactly a file's own SOP class and transfer syntax, any of them (DCMTK's tools refuse
 * transfer syntaxes they do not know, such as the newest ones).
 */
public final class DicomSender {

    private DicomSender() {
    }

    /** The C-STORE response's status and Error Comment. */
    public record Answer(int status, String errorComment) {
    }

    public static Answer send(int port, String callingAe, String calledAe, Path file) throws Exception {
        Device device = new Device("test-scu");
        Connection local = new Connection();
        device.addConnection(local);
        ApplicationEntity ae = new ApplicationEntity(callingAe);
        device.addApplicationEntity(ae);
        ae.addConnection(local);
        ExecutorService executor = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        device.setExecutor(executor);
        device.setScheduledExecutor(scheduler);
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            Attributes fmi = in.readFileMetaInformation();
            String cuid = fmi.getString(Tag.MediaStorageSOPClassUID);
            String iuid = fmi.getString(Tag.MediaStorageSOPInstanceUID);
            String ts = fmi.getString(Tag.TransferSyntaxUID);
            AAssociateRQ rq = new AAssociateRQ();
            rq.setCalledAET(calledAe);
            rq.setCallingAET(callingAe);
            rq.addPresentationContext(new PresentationContext(1, cuid, ts));
            Association as = ae.connect(new Connection("archive", "127.0.0.1", port), rq);
            try {
                DimseRSP rsp = as.cstore(cuid, iuid, 0, new InputStreamDataWriter(in), ts);
                rsp.next();
                Attributes cmd = rsp.getCommand();
                return new Answer(cmd.getInt(Tag.Status, -1), cmd.getString(Tag.ErrorComment, ""));
            } finally {
                as.release();
                as.waitForSocketClose();
            }
        } catch (IOException e) {
            throw new IllegalStateException("sending " + file + " failed", e);
        } finally {
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
    }
}

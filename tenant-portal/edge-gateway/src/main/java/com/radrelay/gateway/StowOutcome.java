package com.radrelay.gateway;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.json.JSONReader;

/** What RadRelay said about a batch: for each instance it refused, the DICOM failure reason. */
record StowOutcome(int httpStatus, Map<String, Integer> refused) {

    // Failure reasons that say "not now" rather than "never": processing failure, out of resources (PS3.18 table
    // I.2-1, PS3.4 C-STORE statuses). Such instances stay queued and are sent again.
    static boolean transientReason(int reason) {
        return reason == 0x0110 || (reason & 0xFF00) == 0xA700;
    }

    static StowOutcome parse(int status, byte[] body) throws IOException {
        Map<String, Integer> refused = new HashMap<>();
        if (body.length > 0) {
            Attributes answer = new JSONReader(Json.createParser(new ByteArrayInputStream(body))).readDataset(null);
            Sequence failed = answer.getSequence(Tag.FailedSOPSequence);
            if (failed != null) {
                for (Attributes item : failed) {
                    String uid = item.getString(Tag.ReferencedSOPInstanceUID);
                    if (uid != null) {
                        refused.put(uid, item.getInt(Tag.FailureReason, 0x0110));
                    }
                }
            }
        }
        return new StowOutcome(status, refused);
    }
}

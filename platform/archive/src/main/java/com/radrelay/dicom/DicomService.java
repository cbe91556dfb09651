package com.radrelay.dicom;

import java.util.List;
import org.dcm4che3.net.TransferCapability;

/**
 * A DIMSE service another module contributes (C-STORE, C-FIND, ...): the dcm4che handler plus the
 * presentation contexts it accepts. The device collects every such bean, so a new service never touches
 * network code.
 */
public interface DicomService {

    org.dcm4che3.net.service.DicomService handler();

    List<TransferCapability> transferCapabilities();
}

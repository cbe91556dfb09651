package com.radrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.archive.StudyArchive;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.IssuedToken;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.DicomWebCalls;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.StudyUid;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One STOW-RS request cannot take what every clinic shares: a gzip bomb, too many parts and too long a body are
 * refused.
 */
@IntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = {"radrelay.ingest.stow.max-parts=3", "radrelay.ingest.stow.max-body=1MB"})
class StowLimitsTests {

    @Autowired MockMvc http;
    @Autowired TenantDirectory directory;
    @Autowired ApiTokens tokens;
    @Autowired StudyArchive archive;

    @TempDir Path dir;
    Tenant clinic;
    IssuedToken token;

    @BeforeEach
    void aClinic() {
        clinic = Clinics.ruralClinic(directory);
        token = CurrentTenant.call(clinic.id(), () -> tokens.issue("PACS"));
    }

    @Test
    void aGzipBodyThatExpandsLikeABombIsRefusedWith413() throws Exception {
        // 150 MB of zeros compress to about 150 KB: far more than 100 times their size.
        List<byte[][]> bomb = List.<byte[][]>of(new byte[][] {"application/dicom".getBytes(), new byte[150 * 1024 * 1024]});
        MockHttpServletResponse rsp = new DicomWebCalls(http).stow(clinic, token, "/studies", bomb, "gzip");
        assertThat(rsp.getStatus()).isEqualTo(413);
        assertThat(rsp.getContentAsString()).contains("expands more than 100 times its size: refused as a "
                + "compression bomb");
    }

    @Test
    void partsBeyondTheLimitAreRefusedAndThoseBeforeItStored() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Limit^Parts", "KE-LIM", 5, 16, 16);
        MockHttpServletResponse rsp = new DicomWebCalls(http).stow(clinic, token, "/studies",
                DicomWebCalls.parts(ct.files()));
        assertThat(rsp.getStatus()).as("some stored, the rest refused").isEqualTo(202);
        assertThat(rsp.getContentAsString()).contains("\"00081197\":{\"vr\":\"US\",\"Value\":[42752]}");
        assertThat(rsp.getHeaders("Warning")).anySatisfy(w -> assertThat(w).contains("more than 3 instances"));
        assertThat(archive.instances(clinic.id(), new StudyUid(ct.studyUid()), null, null)).hasSize(3);
    }

    @Test
    void aBodyLongerThanAllowedIsRefusedWith413BeforeItIsRead() throws Exception {
        Studies.Study ct = Studies.ct(dir, "Limit^Body", "KE-LIM", 3, 512, 512);
        MockHttpServletResponse rsp = new DicomWebCalls(http).stow(clinic, token, "/studies",
                DicomWebCalls.parts(ct.files()));
        assertThat(rsp.getStatus()).isEqualTo(413);
        assertThat(rsp.getContentAsString()).contains("the request body is longer than the 1 MB one request may send");
        assertThat(archive.instances(clinic.id(), new StudyUid(ct.studyUid()), null, null)).isEmpty();
    }
}

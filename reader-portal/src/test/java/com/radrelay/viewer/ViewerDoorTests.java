package com.radrelay.viewer;

import static com.radrelay.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.radrelay.archive.AiResultObjects;
import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StoredInstance;
import com.radrelay.archive.StudyArchive;
import com.radrelay.security.Licence;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.StudyUid;
import com.radrelay.worklist.ClaimResult;
import com.radrelay.worklist.Worklist;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewer's door opens to the radiologist holding the study's claim, and to nobody else, whatever they guess; it
 * hands out the study's segmentation masks as overlays.
 */
@IntegrationTest
@AutoConfigureMockMvc
class ViewerDoorTests {

    @Autowired TenantDirectory directory;
    @Autowired UserAccounts accounts;
    @Autowired StudyArchive archive;
    @Autowired Worklist worklist;
    @Autowired AiResultObjects masks;
    @Autowired MockMvc http;
    @TempDir Path dir;

    Tenant clinic;
    Studies.Study ct;
    SignedInUser holder;

    @BeforeEach
    void aClaimedCt() throws Exception {
        clinic = Clinics.ruralClinic(directory);
        ct = Studies.ct(dir, "DOOR^TEST", "D1", 2, 32, 32);
        for (Path f : ct.files()) {
            try (InputStream in = Files.newInputStream(f)) {
                assertThat(archive.store(new StoreRequest.File(clinic.id(), in, "test", null)))
                        .isInstanceOf(StoreResult.Stored.class);
            }
        }
        holder = reader("KE-30");
        StudyUid study = new StudyUid(ct.studyUid());
        waitFor(() -> worklist.offered(holder, clinic.id(), study).isPresent());
        assertThat(worklist.claim(holder, clinic.id(), study)).isInstanceOf(ClaimResult.Claimed.class);
    }

    @Test
    void theHolderGetsMetadataAndFrames() throws Exception {
        assertThat(status(holder, metadata())).isEqualTo(200);
        var frame = http.perform(get(frame()).with(user(holder))).andReturn().getResponse();
        assertThat(frame.getStatus()).isEqualTo(200);
        assertThat(frame.getContentType()).contains("transfer-syntax=1.2.840.10008.1.2.1");
        assertThat(frame.getContentAsByteArray()).hasSize(32 * 32 * 2);
    }

    @Test
    void theHolderGetsAnAiMaskAsAnOverlayOnTheImageItWasDrawnOn() throws Exception {
        assertThat(http.perform(get(overlays()).with(user(holder))).andReturn().getResponse().getContentAsString())
                .isEqualTo("[]");
        StudyUid study = new StudyUid(ct.studyUid());
        StoredInstance image = archive.instances(clinic.id(), study, null, null).getFirst();
        // At the model's 16 x 16, the first pixel: the top-left 2 x 2 pixels of the 32 x 32 image.
        BitSet pixels = new BitSet();
        pixels.set(0);
        List<StoreResult> stored = masks.storeMask(clinic.id(), study, new AiResultObjects.AiMask(UUID.randomUUID(),
                "Test model", "test-model", "2", "Test vendor", "lesion_mask", "Lesion", 16, 16,
                List.of(new AiResultObjects.MaskFrame(image, 1, pixels)), Instant.now()));
        assertThat(stored).singleElement().isInstanceOf(StoreResult.Stored.class);

        var response = http.perform(get(overlays()).with(user(holder))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode overlay = JsonMapper.builder().build().readTree(response.getContentAsString()).get(0);
        assertThat(overlay.get("label").asString()).isEqualTo("Lesion");
        assertThat(overlay.get("algorithm").asString()).isEqualTo("test-model 2");
        JsonNode mask = overlay.get("masks").get(0);
        assertThat(mask.get("sop").asString()).isEqualTo(image.sop().value());
        assertThat(mask.get("rows").asInt()).isEqualTo(32);
        byte[] bits = Base64.getDecoder().decode(mask.get("bits").asString());
        assertThat(bits).hasSize(32 * 32 / 8);
        assertThat(BitSet.valueOf(bits).stream().toArray()).containsExactly(0, 1, 32, 33);
    }

    @Test
    void theHolderGetsAnAiResultsBoxAsARegionOnItsImage() throws Exception {
        StudyUid study = new StudyUid(ct.studyUid());
        StoredInstance image = archive.instances(clinic.id(), study, null, null).getLast();
        // At the model's 16 x 16, a box from (2, 4) to (6, 8): twice that on the 32 x 32 image.
        StoreResult stored = masks.store(clinic.id(), study, new AiResultObjects.AiResult(UUID.randomUUID(),
                "Test detector", "test-detector", "1", "Test vendor", List.of(), List.of("A lesion"), List.of(image),
                16, 16, List.of(new AiResultObjects.Region("Lesion", image, 1, 2, 4, 6, 8, 0.9)), null, Instant.now()));
        assertThat(stored).isInstanceOf(StoreResult.Stored.class);

        JsonNode overlay = JsonMapper.builder().build().readTree(http.perform(get(overlays()).with(user(holder)))
                .andReturn().getResponse().getContentAsString()).get(0);
        assertThat(overlay.get("label").asString()).isEqualTo("Lesion");
        assertThat(overlay.get("algorithm").asString()).isEqualTo("test-detector 1");
        JsonNode region = overlay.get("regions").get(0);
        assertThat(region.get("sop").asString()).isEqualTo(image.sop().value());
        assertThat(region.get("points").valueStream().map(JsonNode::asDouble).toList())
                .containsExactly(4.0, 8.0, 12.0, 8.0, 12.0, 16.0, 4.0, 16.0, 4.0, 8.0);
    }

    @Test
    void anotherEligibleReaderAReaderOfAnotherRegionAndAClinicUserGetNothing() throws Exception {
        SignedInUser colleague = reader("KE-30");
        SignedInUser elsewhere = reader("US-MT");
        String name = "staff" + ThreadLocalRandom.current().nextInt(1_000_000_000);
        accounts.create(name, "Clinic Staff", "a long password 1", Role.CLINIC_MANAGER, clinic.id());
        SignedInUser manager = accounts.loadUserByUsername(name);

        for (SignedInUser stranger : List.of(colleague, elsewhere)) {
            assertThat(status(stranger, metadata())).isEqualTo(404);
            assertThat(status(stranger, frame())).isEqualTo(404);
            assertThat(status(stranger, overlays())).isEqualTo(404);
        }
        assertThat(status(manager, metadata())).as("only radiologists use this door").isEqualTo(403);
        assertThat(status(holder, ViewerDoor.PATH + "/" + Clinics.ruralClinic(directory).id().value() + "/studies/"
                + ct.studyUid() + "/series/" + ct.seriesUid() + "/metadata")).as("the study under another clinic")
                .isEqualTo(404);
    }

    private int status(SignedInUser who, String path) throws Exception {
        return http.perform(get(path).with(user(who))).andReturn().getResponse().getStatus();
    }

    private String metadata() {
        return ViewerDoor.PATH + "/" + clinic.id().value() + "/studies/" + ct.studyUid() + "/series/" + ct.seriesUid()
                + "/metadata";
    }

    private String overlays() {
        return ViewerDoor.PATH + "/" + clinic.id().value() + "/studies/" + ct.studyUid() + "/overlays";
    }

    private String frame() throws Exception {
        String sop = ct.files().getFirst().getFileName().toString().replace(".dcm", "");
        return ViewerDoor.PATH + "/" + clinic.id().value() + "/studies/" + ct.studyUid() + "/series/" + ct.seriesUid()
                + "/instances/" + sop + "/frames/1";
    }

    private SignedInUser reader(String region) {
        String name = "dr" + ThreadLocalRandom.current().nextInt(1_000_000_000);
        var user = accounts.create(name, "Dr " + name, "a long password 1", Role.RADIOLOGIST, null);
        accounts.registerRadiologist(user.id(), List.of(new Licence("Medical board", region, region + "-" + name,
                LocalDate.now().plusYears(1))), Set.of("CT"), Set.of());
        return accounts.loadUserByUsername(name);
    }
}
